import { join } from 'node:path';
import { tempDir } from '../../test/support/temp-dir';

/**
 * Runs `use` with a path to a SQLite file that does not exist yet, in a fresh folder under the
 * OS temp dir; the folder goes afterwards, taking the -wal and -shm files with it.
 */
export async function withTempFile<T>(label: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = tempDir(`bench-${label}`);
  try {
    return await use(join(dir.path, 'events.sqlite'));
  } finally {
    dir.remove();
  }
}
