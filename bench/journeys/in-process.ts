import { randomUUID } from 'node:crypto';
import { LOCAL_DEVELOPER } from '../../src/access/principal';
import { loadConfig } from '../../src/config/app-config';
import type { CommandContext } from '../../src/edge/command-context';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import * as to from '../../src/order/dto/to-order-command';
import { OrderCommands } from '../../src/order/order-commands.service';
import { orderAggregate } from '../../src/order/order.aggregate';
import { ReferenceDataCommands } from '../../src/reference-data/reference-data-commands.service';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';
import { tempDir } from '../../test/support/temp-dir';
import { type JourneyRun, runJourneys, type Timed } from './journey-run';
import { journeyOrder } from './order-journey';
import { streamProblem, type Verification, verifyStreams } from './stream-check';

const SHAPE = [['OrderPlaced'], ['PaymentAuthorized'], ['PaymentCaptured'], ['ShipmentConfirmed']];

/** A context as the edge makes one for a request without an Idempotency-Key. */
function commandContext(): CommandContext {
  const commandId = randomUUID();
  const principal = LOCAL_DEVELOPER.name;
  return { commandId, commandIdFor: (step) => `${commandId}/${step}`, correlationId: commandId, principal, metadata: { correlationId: commandId, principal } };
}

/**
 * The command pipeline without HTTP and without a read side: the order application service
 * (what the HTTP and gRPC handlers call) -> actor per order -> decider -> group commit on a fresh
 * embedded store at synchronous=FULL, assembled as the app assembles it, with its default settings.
 */
export async function journeysInProcess(n: number, concurrency: number, warmUp: number): Promise<{ run: JourneyRun; verification: Verification; orderPlacedBytes: number | null }> {
  const dir = tempDir('bench-journeys');
  const config = loadConfig({ DATA_DIR: dir.path, EMBEDDED_DURABILITY: 'full' });
  const store = new SqliteEventStore({ file: config.embeddedStoreFile, durability: config.EMBEDDED_DURABILITY });
  const dispatcher = new CommandDispatcher(store, {
    mailboxCapacity: config.ACTOR_MAILBOX_CAPACITY,
    maxWarmActors: config.ACTOR_MAX_WARM,
    idleEvictionMs: config.ACTOR_IDLE_EVICTION_MS,
    maxConflictRetries: config.ACTOR_CONFLICT_RETRIES,
  });
  const orders = new OrderCommands(dispatcher, store, new ReferenceDataCommands(dispatcher));
  const journey = (prefix: string) => async (i: number, timed: Timed) => {
    const order = journeyOrder(prefix, i);
    await timed(() => orders.place(order.place, commandContext()));
    await timed(() => orders.act(order.orderId, to.authorizePayment(order.authorize), LOCAL_DEVELOPER, commandContext()));
    await timed(() => orders.act(order.orderId, to.capturePayment(order.capture), LOCAL_DEVELOPER, commandContext()));
    await timed(() => orders.act(order.orderId, to.confirmShipment(order.ship), LOCAL_DEVELOPER, commandContext()));
  };
  const prefix = `c${concurrency}`;
  const readStream = (orderId: string) => store.readStream(streamIdOf(orderAggregate, orderId));
  try {
    if (warmUp > 0) await runJourneys(warmUp, 1, journey('warm'));
    const run = await runJourneys(n, concurrency, journey(prefix));
    const verification = await verifyStreams(n, 10, async (i) => {
      const order = journeyOrder(prefix, i);
      return streamProblem(order, await readStream(order.orderId), SHAPE, order.capture.captureId);
    });
    const [placed] = await readStream(journeyOrder(prefix, 0).orderId).catch(() => []);
    return { run, verification, orderPlacedBytes: placed ? JSON.stringify(placed.data).length : null };
  } finally {
    dispatcher.stop();
    await store.close();
    dir.remove();
  }
}
