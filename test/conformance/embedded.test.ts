import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { tempDir } from '../support/temp-dir';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded SQLite', async () => {
  const dir = tempDir('conformance');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  return {
    store,
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
});
