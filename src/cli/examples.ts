import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './repo-root';
import { exampleFiles } from './request-examples/example-requests';

/**
 * Writes examples/ (a body per command and requests.sh) from the OpenAPI examples, replacing
 * what was there; test/docs/readme-tour.e2e.test.ts checks it is current and runs it.
 */
function main(): void {
  const folder = join(REPO_ROOT, 'examples');
  rmSync(folder, { recursive: true, force: true });
  for (const [file, text] of exampleFiles()) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
  }
  process.stdout.write(`wrote ${folder}\n`);
}

main();
