import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { parseUUID } from '@eventstore/db-client/dist/utils/grpcUUID';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/event-store/event-store.port';
import { EsdbProtocolServer } from '../../src/esdb-protocol/esdb-protocol-server';
import { eventually, startEndpoint, type Endpoint } from './endpoint-fixture';
import { RawStreamsClient } from './raw-client';

const TOTAL = 10_000;
const PER_STREAM = 100;

/** Varied content: unicode, nesting, numbers, integer-like keys, schema versions, metadata. */
function seed(stream: number, index: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: index % 3 === 0 ? 'OrderPlaced' : 'PaymentCaptured',
    schemaVersion: 1 + (index % 2),
    data: {
      orderId: `order-${stream}`,
      lines: [{ sku: `SKU-${index}`, qty: index % 5, unitMinor: 1999 + index }],
      note: index % 7 === 0 ? 'crème brûlée ✓ 🧾 "quoted" \\ back\nslash' : null,
      10: 'integer-like key',
      2: true,
      ratio: index / 7,
    },
    metadata: { correlationId: `corr-${stream}`, commandId: `cmd-${stream}-${index}`, channel: 'pos' },
  };
}

function allRequest(direction: 'forwards' | 'backwards', uuid: 'string' | 'structured', count = TOTAL): ReadReq {
  const all = new ReadReq.Options.AllOptions();
  if (direction === 'forwards') all.setStart(new Empty());
  else all.setEnd(new Empty());
  const uuidOption = new ReadReq.Options.UUIDOption();
  if (uuid === 'string') uuidOption.setString(new Empty());
  else uuidOption.setStructured(new Empty());
  return new ReadReq().setOptions(
    new ReadReq.Options()
      .setAll(all)
      .setReadDirection(direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS)
      .setCount(String(count))
      .setNoFilter(new Empty())
      .setUuidOption(uuidOption),
  );
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('ESDB protocol endpoint: reads', () => {
  let endpoint: Endpoint;
  let client: EventStoreDBClient;
  let raw: RawStreamsClient;
  let stored: RecordedEvent[];

  before(async () => {
    endpoint = await startEndpoint();
    client = endpoint.client();
    raw = new RawStreamsClient(endpoint.address);
    const streams = TOTAL / PER_STREAM;
    // Ten events per append, all streams at once: group commit writes them in few transactions.
    for (let chunk = 0; chunk < PER_STREAM; chunk += 10) {
      await Promise.all(
        Array.from({ length: streams }, (_, s) =>
          endpoint.store.appendToStream(
            `ledger-${s}`,
            Array.from({ length: 10 }, (_, i) => seed(s, chunk + i)),
            { expectedRevision: chunk === 0 ? 'no_stream' : chunk - 1 },
          ),
        ),
      );
    }
    stored = await endpoint.store.readAll();
    assert.equal(stored.length, TOTAL);
  });
  after(async () => {
    raw.close();
    await endpoint.close();
  });

  it('serves 10,000 events to a stock client exactly as the store reads them', async (t) => {
    const started = process.hrtime.bigint();
    const read: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) read.push(resolved);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    t.diagnostic(`stock client readAll: ${TOTAL} events in ${seconds.toFixed(2)} s (${Math.round(TOTAL / seconds)} events/s)`);

    assert.equal(read.length, TOTAL);
    read.forEach(({ event, commitPosition }, i) => {
      const expected = stored[i];
      assert.ok(event);
      assert.equal(event.id, expected.eventId);
      assert.equal(event.type, expected.type);
      assert.equal(event.streamId, expected.streamId);
      assert.equal(event.revision, BigInt(expected.revision));
      assert.deepEqual(event.position, { commit: expected.globalPosition, prepare: expected.globalPosition });
      assert.equal(commitPosition, expected.globalPosition);
      assert.equal(event.created.getTime(), expected.recordedAt.getTime());
      assert.equal(event.isJson, true);
      assert.equal(JSON.stringify(event.data), JSON.stringify(expected.data));
      assert.equal(JSON.stringify(event.metadata), JSON.stringify({ ...expected.metadata, $schemaVersion: expected.schemaVersion }));
    });
  });

  it('puts the store JSON on the wire byte for byte, with created in .NET ticks', async () => {
    const responses = await raw.read(allRequest('forwards', 'string'));
    const wire = responses.filter((r) => r.hasEvent()).map((r) => r.getEvent()?.getEvent() as ReadResp.ReadEvent.RecordedEvent);
    assert.equal(wire.length, TOTAL);
    wire.forEach((recorded, i) => {
      const expected = stored[i];
      assert.equal(utf8(recorded.getData_asU8()), JSON.stringify(expected.data));
      assert.equal(utf8(recorded.getCustomMetadata_asU8()), JSON.stringify({ ...expected.metadata, $schemaVersion: expected.schemaVersion }));
      assert.equal(recorded.getMetadataMap().get('created'), String(BigInt(expected.recordedAt.getTime()) * 10_000n));
      assert.equal(recorded.getMetadataMap().get('content-type'), 'application/json');
      assert.equal(recorded.getCommitPosition(), String(expected.globalPosition));
      assert.equal(recorded.getPreparePosition(), String(expected.globalPosition));
    });
  });

  it('serves structured UUIDs when asked (the layout the client parses back)', async () => {
    const responses = await raw.read(allRequest('backwards', 'structured', 5));
    const ids = responses.map((r) => parseUUID(r.getEvent()?.getEvent()?.getId()));
    assert.deepEqual(
      ids,
      stored
        .slice(-5)
        .reverse()
        .map((e) => e.eventId),
    );
  });

  it('reads streams from start, end and a revision, inclusive, in both directions', async () => {
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) => {
      const found: bigint[] = [];
      for await (const resolved of client.readStream('ledger-7', options)) found.push(resolved.event?.revision ?? -1n);
      return found;
    };
    assert.deepEqual(await revisions({ fromRevision: 97n }), [97n, 98n, 99n]);
    assert.deepEqual(await revisions({ fromRevision: START, maxCount: 2 }), [0n, 1n]);
    assert.deepEqual(await revisions({ fromRevision: END, direction: BACKWARDS, maxCount: 2 }), [99n, 98n]);
    assert.deepEqual(await revisions({ fromRevision: 1n, direction: BACKWARDS }), [1n, 0n]);
    assert.deepEqual(await revisions({ fromRevision: START, direction: BACKWARDS }), [0n]);
    assert.deepEqual(await revisions({ fromRevision: END }), [], 'forwards from the end finds nothing');
    assert.deepEqual(await revisions({ direction: BACKWARDS }), [0n], "the client's default start is START, even backwards");
    const whole = await revisions({ fromRevision: END, direction: BACKWARDS });
    assert.deepEqual(
      whole,
      Array.from({ length: PER_STREAM }, (_, i) => BigInt(PER_STREAM - 1 - i)),
    );
  });

  it('reads $all from a position: forwards includes it, backwards excludes it', async () => {
    const at = stored[4321].globalPosition;
    const from = { commit: at, prepare: at };
    const forwards: bigint[] = [];
    for await (const r of client.readAll({ fromPosition: from, maxCount: 2 })) forwards.push(r.event?.position?.commit ?? -1n);
    const backwards: bigint[] = [];
    for await (const r of client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 2 })) backwards.push(r.event?.position?.commit ?? -1n);
    assert.deepEqual(forwards, [at, stored[4322].globalPosition]);
    assert.deepEqual(backwards, [stored[4320].globalPosition, stored[4319].globalPosition]);
  });

  it('reads $all through a prefix or regex filter, counting only matching events, in both directions', async () => {
    const Expression = ReadReq.Options.FilterOptions.Expression;
    const read = async (direction: 'forwards' | 'backwards', count: number, filter: ReadReq.Options.FilterOptions) => {
      const request = allRequest(direction, 'string', count);
      request.getOptions()?.setFilter(filter.setCount(new Empty()));
      const responses = await raw.read(request);
      return responses.filter((r) => r.hasEvent()).map((r) => r.getEvent()?.getEvent()?.getId()?.getString());
    };
    const onStream = (expression: InstanceType<typeof Expression>) => new ReadReq.Options.FilterOptions().setStreamIdentifier(expression);
    const ids = (events: RecordedEvent[]) => events.map((e) => e.eventId);
    // ledger-7 and ledger-70..79: 1100 events, more than one store page.
    const prefixed = stored.filter((e) => e.streamId.startsWith('ledger-7'));
    assert.deepEqual(await read('forwards', 700, onStream(new Expression().setPrefixList(['ledger-7']))), ids(prefixed.slice(0, 700)));
    assert.deepEqual(await read('backwards', 600, onStream(new Expression().setPrefixList(['ledger-7']))), ids(prefixed.slice(-600).reverse()));
    assert.deepEqual(await read('forwards', TOTAL, onStream(new Expression().setRegex('^ledger-7$'))), ids(stored.filter((e) => e.streamId === 'ledger-7')));
    const byType = new ReadReq.Options.FilterOptions().setEventType(new Expression().setPrefixList(['Order']));
    assert.deepEqual(await read('forwards', 5, byType), ids(stored.filter((e) => e.type.startsWith('Order')).slice(0, 5)));
    assert.deepEqual(await read('forwards', 5, onStream(new Expression().setPrefixList(['nobody-']))), []);
  });

  it('answers a stream that was never written with stream_not_found, raised as StreamNotFoundError', async () => {
    for (const direction of [FORWARDS, BACKWARDS] as const) {
      await assert.rejects(
        async () => {
          for await (const _ of client.readStream(`ghost-${randomUUID()}`, { direction, fromRevision: direction === FORWARDS ? START : END })) {
            assert.fail('a missing stream has no events');
          }
        },
        (error: unknown) => error instanceof StreamNotFoundError && /^ghost-/.test(error.streamName),
      );
    }
  });

  it('refuses malformed read requests with INVALID_ARGUMENT and a message naming the problem', async () => {
    const stream = new ReadReq.Options.StreamOptions().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from('ledger-1'))).setStart(new Empty());
    const filter = new ReadReq.Options.FilterOptions().setEventType(new ReadReq.Options.FilterOptions.Expression().setPrefixList(['Order'])).setCount(new Empty());
    const cases: Array<[ReadReq, RegExp]> = [
      [new ReadReq(), /options are required/],
      [new ReadReq().setOptions(new ReadReq.Options().setStream(stream).setCount('1').setFilter(filter)), /filters apply to \$all only/],
      [
        new ReadReq().setOptions(new ReadReq.Options().setStream(stream).setSubscription(new ReadReq.Options.SubscriptionOptions()).setReadDirection(1)),
        /subscriptions read forwards only/,
      ],
      [
        new ReadReq().setOptions(
          new ReadReq.Options()
            .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
            .setSubscription(new ReadReq.Options.SubscriptionOptions())
            .setFilter(filter.setCheckpointintervalmultiplier(0)),
        ),
        /checkpointIntervalMultiplier must be at least 1/,
      ],
      [new ReadReq().setOptions(new ReadReq.Options().setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))), /count or subscription/],
    ];
    for (const [request, message] of cases) {
      await assert.rejects(raw.read(request), (error: Error & { code?: number }) => {
        assert.equal(error.code, status.INVALID_ARGUMENT, error.message);
        assert.match(error.message, message);
        return true;
      });
    }
  });

  it('stops reading the store while a reader does not take what it was sent (back-pressure)', async (t) => {
    let handedOut = 0;
    const counting: EventStore = Object.create(endpoint.store, {
      readAll: {
        value: async (options: Parameters<EventStore['readAll']>[0]) => {
          const page = await endpoint.store.readAll(options);
          handedOut += page.length;
          return page;
        },
      },
    });
    const server = new EsdbProtocolServer(counting);
    const port = await server.listen('127.0.0.1', 0);
    const reader = new RawStreamsClient(`127.0.0.1:${port}`);
    try {
      const wanted = 3000;
      const call = reader.openRead(allRequest('forwards', 'string', wanted));
      call.on('error', () => undefined);
      // The reader takes one message and stops: the server must stall once the transport's windows are full.
      await new Promise<void>((resolve) =>
        call.once('data', () => {
          call.pause();
          resolve();
        }),
      );
      let previous = -1;
      let unchanged = 0;
      await eventually(() => {
        unchanged = handedOut === previous ? unchanged + 1 : 0;
        previous = handedOut;
        return handedOut > 0 && unchanged >= 30;
      }, 'the server to stall');
      t.diagnostic(`server stalled after reading ${handedOut} events from the store for a reader that took 1`);
      assert.ok(handedOut < wanted, `the server read ${handedOut} of ${wanted} events for a reader that took one`);

      let received = 1;
      await new Promise<void>((resolve, reject) => {
        call
          .on('data', () => (received += 1))
          .on('end', resolve)
          .on('error', reject);
        call.resume();
      });
      assert.equal(received, wanted, 'once the reader reads again, everything arrives');
    } finally {
      reader.close();
      await server.close();
    }
  });
});
