import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { describeEventStoreContract } from './event-store.contract';

const url = process.env.EVENTSTORE_URL;
const howToStart = 'start one with `docker compose up -d kurrentdb` and set EVENTSTORE_URL=kurrentdb://localhost:2113?tls=false';

if (url) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = new EsdbEventStore(url);
    // Without this the first test would be the one to find out, after its own timeouts.
    try {
      await store.ping();
    } catch (error) {
      await store.close();
      throw new Error(`EventStoreDB at ${url} does not answer (${(error as Error).message}); ${howToStart}`, { cause: error });
    }
    return { store, dispose: () => store.close() };
  });
} else if (process.env.npm_lifecycle_event === 'test:esdb') {
  throw new Error(`npm run test:esdb needs a running EventStoreDB: ${howToStart}`);
} else {
  process.stderr.write('EventStoreDB conformance not run: it needs EVENTSTORE_URL (e.g. kurrentdb://localhost:2113?tls=false)\n');
}
