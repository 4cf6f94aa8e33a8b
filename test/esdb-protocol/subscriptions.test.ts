import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { END, eventTypeFilter, jsonEvent, streamNameFilter, UnavailableError, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { eventually, startEndpoint, type Endpoint } from './endpoint-fixture';
import { RawStreamsClient } from './raw-client';

const newEvents = (count: number, type = 'Noise'): NewEvent[] => Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type, data: { i } }));

/** Positions 1..35 in a fresh store; the Wanted events sit at positions 3, 12 and 27. */
async function seedSparse(endpoint: Endpoint): Promise<void> {
  const wantedAt = new Set([3, 12, 27]);
  const events = Array.from({ length: 35 }, (_, i) => newEvents(1, wantedAt.has(i + 1) ? 'Wanted' : 'Noise')[0]);
  await endpoint.store.appendToStream('sparse', events, { expectedRevision: 'no_stream' });
}

describe('ESDB protocol endpoint: filtered $all subscription with checkpoints', () => {
  let endpoint: Endpoint;
  beforeEach(async () => {
    endpoint = await startEndpoint();
    await seedSparse(endpoint);
  });
  afterEach(async () => endpoint.close());

  it('reports checkpoints to the stock client every interval of considered events, across the seam', async () => {
    const client = endpoint.client();
    const checkpoints: bigint[] = [];
    const events: bigint[] = [];
    let caughtUp = 0;
    // Search window 5 x multiplier 2: a checkpoint every 10 events considered, matching or not.
    const subscription = client.subscribeToAll({
      filter: eventTypeFilter({
        prefixes: ['Wanted'],
        maxSearchWindow: 5,
        checkpointInterval: 2,
        checkpointReached: (_subscription: unknown, position: Position) => {
          checkpoints.push(position.commit);
        },
      }),
    });
    subscription.on('data', (resolved) => events.push(resolved.event?.position?.commit ?? -1n));
    subscription.on('caughtUp', () => (caughtUp += 1));
    await eventually(() => caughtUp === 1 && checkpoints.length === 3, 'catch-up with three checkpoints');
    await endpoint.store.appendToStream('sparse', newEvents(5), { expectedRevision: 34 });
    await endpoint.store.appendToStream('sparse', newEvents(1, 'Wanted'), { expectedRevision: 39 });
    await eventually(() => events.length === 4, 'the live Wanted event');
    await subscription.unsubscribe();
    assert.deepEqual(events, [3n, 12n, 27n, 41n], 'only Wanted events are delivered');
    assert.deepEqual(checkpoints, [10n, 20n, 30n, 40n], 'a checkpoint every 10 considered events, caught up or live');
    assert.equal(caughtUp, 1);
  });

  it('sends confirmation first, then events, checkpoints and caught_up in log order', async () => {
    const raw = new RawStreamsClient(endpoint.address);
    const filter = new ReadReq.Options.FilterOptions().setEventType(new ReadReq.Options.FilterOptions.Expression().setRegex('^Want')).setMax(5).setCheckpointintervalmultiplier(2);
    const call = raw.openRead(
      new ReadReq().setOptions(
        new ReadReq.Options()
          .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
          .setSubscription(new ReadReq.Options.SubscriptionOptions())
          .setFilter(filter)
          .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty())),
      ),
    );
    const log: string[] = [];
    call.on('error', () => undefined);
    call.on('data', (response: ReadResp) => {
      if (response.hasConfirmation()) log.push('confirmation');
      if (response.hasEvent()) log.push(`event ${response.getEvent()?.getCommitPosition()}`);
      if (response.hasCheckpoint()) log.push(`checkpoint ${response.getCheckpoint()?.getCommitPosition()}`);
      if (response.hasCaughtUp()) log.push('caught_up');
    });
    try {
      await eventually(() => log.includes('caught_up'), 'caught_up');
      await endpoint.store.appendToStream('sparse', newEvents(5), { expectedRevision: 34 });
      await endpoint.store.appendToStream('sparse', newEvents(1, 'Wanted'), { expectedRevision: 39 });
      await eventually(() => log.includes('event 41'), 'the live Wanted event');
      assert.deepEqual(log, ['confirmation', 'event 3', 'checkpoint 10', 'event 12', 'checkpoint 20', 'event 27', 'checkpoint 30', 'caught_up', 'checkpoint 40', 'event 41']);
    } finally {
      call.cancel();
      raw.close();
    }
  });
});

describe('ESDB protocol endpoint: catch-up subscriptions', () => {
  let endpoint: Endpoint;
  let client: EventStoreDBClient;
  before(async () => {
    endpoint = await startEndpoint();
    client = endpoint.client();
  });
  after(async () => endpoint.close());

  it('delivers a stream exactly once, in order, while appends continue during catch-up', async () => {
    const stream = `busy-${randomUUID()}`;
    const other = `other-${randomUUID()}`;
    await endpoint.store.appendToStream(stream, newEvents(200), { expectedRevision: 'no_stream' });
    const revisions: bigint[] = [];
    let caughtUp = 0;
    const subscription = client.subscribeToStream(stream);
    subscription.on('data', (resolved) => revisions.push(resolved.event?.revision ?? -1n));
    subscription.on('caughtUp', () => (caughtUp += 1));
    // Appends through the endpoint itself, interleaved with another stream's.
    const writer = endpoint.client();
    for (let i = 0; i < 150; i++) {
      await writer.appendToStream(stream, [jsonEvent({ type: 'Live', data: { i } }), jsonEvent({ type: 'Live', data: { i } })], {
        expectedRevision: BigInt(199 + 2 * i),
      });
      await writer.appendToStream(other, jsonEvent({ type: 'Elsewhere', data: { i } }));
    }
    await eventually(() => revisions.length >= 500 && caughtUp > 0, 'all 500 events and caught_up');
    await subscription.unsubscribe();
    assert.deepEqual(
      revisions,
      Array.from({ length: 500 }, (_, i) => BigInt(i)),
      'no gap, no duplicate',
    );
    assert.equal(caughtUp, 1, 'caught_up exactly once');
  });

  it('follows $all after a position (exclusive) while appends continue, matching the store log', async () => {
    const prefix = `race-${randomUUID()}`;
    await Promise.all([0, 1, 2].map((w) => endpoint.store.appendToStream(`${prefix}-${w}`, newEvents(50), { expectedRevision: 'no_stream' })));
    const [start] = await endpoint.store.readAll({ direction: 'backwards', maxCount: 1 });
    const received: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: { commit: start.globalPosition, prepare: start.globalPosition },
      filter: streamNameFilter({ prefixes: [prefix] }),
    });
    subscription.on('data', (resolved) => received.push(resolved.event?.id ?? '?'));
    await Promise.all(
      [0, 1, 2].map(async (w) => {
        for (let i = 0; i < 100; i++) {
          await endpoint.store.appendToStream(`${prefix}-${w}`, newEvents(1), { expectedRevision: 49 + i });
        }
      }),
    );
    await eventually(() => received.length >= 300, '300 live events');
    await subscription.unsubscribe();
    const after = await endpoint.store.readAll({ fromPosition: start.globalPosition + 1n, filter: { on: 'streamName', prefixes: [prefix] } });
    assert.deepEqual(
      received,
      after.map((e) => e.eventId),
      'same events, same order, none from before the start',
    );
  });

  it('starts a stream subscription after a revision or at the end, and waits for a stream not yet written', async () => {
    const stream = `later-${randomUUID()}`;
    const fromRevision: bigint[] = [];
    const fromEnd: bigint[] = [];
    const early = client.subscribeToStream(stream);
    const beforeWrite: bigint[] = [];
    early.on('data', (resolved) => beforeWrite.push(resolved.event?.revision ?? -1n));
    await endpoint.store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
    await eventually(() => beforeWrite.length === 3, 'the first events of a new stream');

    const afterOne = client.subscribeToStream(stream, { fromRevision: 1n });
    afterOne.on('data', (resolved) => fromRevision.push(resolved.event?.revision ?? -1n));
    const atEnd = client.subscribeToStream(stream, { fromRevision: END });
    let endCaughtUp = false;
    atEnd.on('caughtUp', () => (endCaughtUp = true));
    atEnd.on('data', (resolved) => fromEnd.push(resolved.event?.revision ?? -1n));
    await eventually(() => fromRevision.length === 1 && endCaughtUp, 'both subscriptions caught up');
    await endpoint.store.appendToStream(stream, newEvents(1), { expectedRevision: 2 });
    await eventually(() => fromEnd.length === 1 && fromRevision.length === 2 && beforeWrite.length === 4, 'the live event');
    await Promise.all([early.unsubscribe(), afterOne.unsubscribe(), atEnd.unsubscribe()]);
    assert.deepEqual(beforeWrite, [0n, 1n, 2n, 3n]);
    assert.deepEqual(fromRevision, [2n, 3n], 'the start revision itself is not delivered');
    assert.deepEqual(fromEnd, [3n]);
  });
});

describe('ESDB protocol endpoint: subscription resources', () => {
  it('releases a subscription when the client cancels it or disconnects', async () => {
    const endpoint = await startEndpoint();
    try {
      const client = endpoint.client();
      const subscriptions = [client.subscribeToStream(`s-${randomUUID()}`), client.subscribeToAll(), client.subscribeToAll({ filter: eventTypeFilter({ prefixes: ['X'] }) })];
      await eventually(() => endpoint.server.activeSubscriptions === 3, 'three active subscriptions');
      await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
      await eventually(() => endpoint.server.activeSubscriptions === 0, 'cancelled subscriptions released');

      const leaving = endpoint.client();
      leaving.subscribeToAll();
      await eventually(() => endpoint.server.activeSubscriptions === 1, 'a subscription from a second client');
      await leaving.dispose();
      await eventually(() => endpoint.server.activeSubscriptions === 0, 'released when its client disconnects');

      await endpoint.store.appendToStream(`after-${randomUUID()}`, newEvents(1), { expectedRevision: 'no_stream' });
    } finally {
      await endpoint.close();
    }
  });

  it('ends open subscriptions with UNAVAILABLE when the endpoint closes', async () => {
    const endpoint = await startEndpoint();
    const client = endpoint.client();
    const subscription = client.subscribeToAll();
    const failed = new Promise<unknown>((resolve) => subscription.once('error', resolve));
    await eventually(() => endpoint.server.activeSubscriptions === 1, 'an active subscription');
    try {
      await endpoint.server.close();
      const error = await failed;
      assert.ok(error instanceof UnavailableError, `got ${String(error)}`);
      assert.match((error as Error).message, /shutting down/);
      assert.equal(endpoint.server.activeSubscriptions, 0);
    } finally {
      await endpoint.close();
    }
  });
});
