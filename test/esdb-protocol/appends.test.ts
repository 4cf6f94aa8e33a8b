import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { credentials, status } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  ANY,
  EventStoreDBClient,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  RequiredMetadataPropertyMissingError,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq } from '@eventstore/db-client/generated/streams_pb';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { startEndpoint, type Endpoint } from './endpoint-fixture';
import { RawStreamsClient } from './raw-client';

const events = (count: number, type = 'ThingHappened') => Array.from({ length: count }, (_, i) => jsonEvent({ type, data: { i } }));

const storeEvents = (count: number): NewEvent[] => Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'Seeded', data: { i } }));

async function expectWrongVersion(append: Promise<unknown>, expected: unknown, actual: unknown): Promise<void> {
  await assert.rejects(append, (error: unknown) => {
    assert.ok(error instanceof WrongExpectedVersionError, `expected WrongExpectedVersionError, got ${String(error)}`);
    assert.equal(error.expectedVersion, expected);
    assert.equal(error.actualVersion, actual);
    return true;
  });
}

async function readTypes(client: EventStoreDBClient, stream: string): Promise<string[]> {
  const types: string[] = [];
  for await (const resolved of client.readStream(stream)) types.push(resolved.event?.type ?? '?');
  return types;
}

function proposed(type: string | undefined, data: string, metadata = ''): AppendReq {
  const message = new AppendReq.ProposedMessage().setId(new UUID().setString(randomUUID())).setData(Buffer.from(data)).setCustomMetadata(Buffer.from(metadata));
  if (type !== undefined) message.getMetadataMap().set('type', type);
  message.getMetadataMap().set('content-type', 'application/json');
  return new AppendReq().setProposedMessage(message);
}

function options(stream: string): AppendReq {
  return new AppendReq().setOptions(new AppendReq.Options().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream))).setAny(new Empty()));
}

describe('ESDB protocol endpoint: appends through a stock client', () => {
  let endpoint: Endpoint;
  let client: EventStoreDBClient;
  let raw: RawStreamsClient;
  before(async () => {
    endpoint = await startEndpoint();
    client = endpoint.client();
    raw = new RawStreamsClient(endpoint.address);
  });
  after(async () => {
    raw.close();
    await endpoint.close();
  });

  it('lists Read and Append in ServerFeatures, without batch append, so clients append with Append', async () => {
    const features = new ServerFeaturesClient(endpoint.address, credentials.createInsecure());
    try {
      const supported = await new Promise<SupportedMethods>((resolve, reject) =>
        features.getSupportedMethods(new Empty(), (error, methods) => (error ? reject(error) : resolve(methods))),
      );
      const methods = supported.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`);
      assert.ok(methods.includes('event_store.client.streams.streams/read'));
      assert.ok(methods.includes('event_store.client.streams.streams/append'));
      assert.ok(!methods.some((m) => m.endsWith('/batchappend')));
      assert.match(supported.getEventStoreServerVersion(), /^\d+\.\d+\.\d+$/);
    } finally {
      features.close();
    }
  });

  it('raises WrongExpectedVersionError for no_stream on an existing stream, with its current revision', async () => {
    const stream = `wev-${randomUUID()}`;
    await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    await expectWrongVersion(client.appendToStream(stream, events(1), { expectedRevision: NO_STREAM }), 'no_stream', 1n);
    assert.equal((await readTypes(client, stream)).length, 2, 'nothing was written');
  });

  it('raises WrongExpectedVersionError for stream_exists on a missing stream', async () => {
    const stream = `wev-${randomUUID()}`;
    await expectWrongVersion(client.appendToStream(stream, events(1), { expectedRevision: STREAM_EXISTS }), 'stream_exists', 'no_stream');
    await assert.rejects(readTypes(client, stream), StreamNotFoundError);
  });

  it('raises WrongExpectedVersionError for a stale exact revision, and for one on a missing stream', async () => {
    const stream = `wev-${randomUUID()}`;
    await client.appendToStream(stream, events(3), { expectedRevision: NO_STREAM });
    await expectWrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 0n }), 0n, 2n);
    await expectWrongVersion(client.appendToStream(`wev-${randomUUID()}`, events(1), { expectedRevision: 4n }), 4n, 'no_stream');
    const result = await client.appendToStream(stream, events(1), { expectedRevision: 2n });
    assert.equal(result.nextExpectedRevision, 3n);
    const [last] = await endpoint.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    assert.deepEqual(result.position, { commit: last.globalPosition, prepare: last.globalPosition }, 'store position, commit = prepare');
  });

  it('reports the current revision instead of throwing when the client asks it not to throw', async () => {
    const stream = `wev-${randomUUID()}`;
    const lenient = EventStoreDBClient.connectionString(`${endpoint.url}&throwOnAppendFailure=false`);
    try {
      await lenient.appendToStream(stream, events(2), { expectedRevision: ANY });
      const result = await lenient.appendToStream(stream, events(1), { expectedRevision: NO_STREAM });
      assert.deepEqual(result, { success: false, nextExpectedRevision: 1n, position: undefined });
    } finally {
      await lenient.dispose();
    }
  });

  it('checks the expected revision of an append without events, and writes nothing', async () => {
    const stream = `empty-${randomUUID()}`;
    await expectWrongVersion(client.appendToStream(stream, [], { expectedRevision: STREAM_EXISTS }), 'stream_exists', 'no_stream');
    await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    await expectWrongVersion(client.appendToStream(stream, [], { expectedRevision: 0n }), 0n, 1n);
    const result = await client.appendToStream(stream, [], { expectedRevision: 1n });
    assert.equal(result.nextExpectedRevision, 1n);
    assert.equal(result.position, undefined, 'nothing written, so no position');
    assert.equal((await readTypes(client, stream)).length, 2);
  });

  it('refuses an append over 1 MiB in total with MaxAppendSizeExceededError and writes nothing', async () => {
    const stream = `big-${randomUUID()}`;
    const text = (bytes: number) => 'x'.repeat(bytes);
    // Each event fits, together they do not: the limit is on the whole append, as in EventStoreDB.
    const twoHalves = [jsonEvent({ type: 'Big', data: { text: text(600_000) } }), jsonEvent({ type: 'Big', data: { text: text(600_000) } })];
    await assert.rejects(client.appendToStream(stream, twoHalves), (error: unknown) => {
      assert.ok(error instanceof MaxAppendSizeExceededError, `got ${String(error)}`);
      assert.equal(error.maxAppendSize, 1024 * 1024);
      return true;
    });
    // Larger than gRPC's default 4 MB message limit: still answered as EventStoreDB answers it.
    await assert.rejects(client.appendToStream(stream, jsonEvent({ type: 'Huge', data: { text: text(5_000_000) } })), MaxAppendSizeExceededError);
    await assert.rejects(readTypes(client, stream), StreamNotFoundError);
    await client.appendToStream(stream, jsonEvent({ type: 'Big', data: { text: text(1_000_000) } }));
    assert.deepEqual(await readTypes(client, stream), ['Big']);
  });

  it('moves $schemaVersion from custom metadata into the stored schema version, and back on read', async () => {
    const stream = `schema-${randomUUID()}`;
    await client.appendToStream(stream, jsonEvent({ type: 'Upcast', data: {}, metadata: { $schemaVersion: 3, channel: 'pos' } }));
    const [stored] = await endpoint.store.readStream(stream);
    assert.equal(stored.schemaVersion, 3);
    assert.deepEqual(stored.metadata, { channel: 'pos' });
    for await (const resolved of client.readStream(stream)) {
      assert.deepEqual(resolved.event?.metadata, { channel: 'pos', $schemaVersion: 3 });
    }
  });

  it('refuses malformed proposed events with INVALID_ARGUMENT and a message naming the problem', async () => {
    const stream = `bad-${randomUUID()}`;
    const cases: Array<[AppendReq[], RegExp]> = [
      [[proposed('X', '{}')], /starts with its options/],
      [[options(stream), options(stream)], /every append message must be a proposed_message/],
      [[options(stream), proposed('X', '{not json')], /events\[0\]\.data must be UTF-8 JSON/],
      [[options(stream), proposed('X', '{}', '[1,2]')], /events\[0\]\.metadata must be empty or a JSON object/],
      [[options(stream), proposed('X', '{}', '{"$schemaVersion":"two"}')], /\$schemaVersion must be a positive integer/],
      [[options(stream), new AppendReq().setProposedMessage(new AppendReq.ProposedMessage())], /Required Metadata Property 'type'/],
      [[options('$system'), proposed('X', '{}')], /reserved/],
    ];
    for (const [requests, message] of cases) {
      await assert.rejects(raw.append(requests), (error: Error & { code?: number }) => {
        assert.equal(error.code, status.INVALID_ARGUMENT, error.message);
        assert.match(error.message, message);
        return true;
      });
    }
    const invalidId = proposed('X', '{}');
    invalidId.getProposedMessage()?.setId(new UUID().setString('not-a-uuid'));
    await assert.rejects(raw.append([options(stream), invalidId]), /events\[0\]\.id must be a UUID/);
    await assert.rejects(readTypes(client, stream), StreamNotFoundError);
  });

  it('answers a missing event type the way EventStoreDB does, so the client raises its typed error', async () => {
    const stream = `bad-${randomUUID()}`;
    const error = await raw.append([options(stream), proposed(undefined, '{}')]).then(
      () => assert.fail('the append should be refused'),
      (raised: Error) => convertToCommandError(raised),
    );
    assert.ok(error instanceof RequiredMetadataPropertyMissingError, `got ${String(error)}`);
    assert.deepEqual(error.requiredMetadataProperties, ['type', 'content-type']);
  });

  it('accepts event ids sent as structured UUIDs', async () => {
    const stream = `structured-${randomUUID()}`;
    const id = randomUUID();
    const hex = id.replace(/-/g, '');
    const signed = (half: string) => BigInt.asIntN(64, BigInt(`0x${half}`)).toString();
    const message = proposed('Structured', '{}');
    message
      .getProposedMessage()
      ?.setId(new UUID().setStructured(new UUID.Structured().setMostSignificantBits(signed(hex.slice(0, 16))).setLeastSignificantBits(signed(hex.slice(16)))));
    const response = await raw.append([options(stream), message]);
    assert.ok(response.hasSuccess());
    const [stored] = await endpoint.store.readStream(stream);
    assert.equal(stored.eventId, id);
  });
});

describe('ESDB protocol endpoint: read-only mode', () => {
  let endpoint: Endpoint;
  let client: EventStoreDBClient;
  const stream = `audit-${randomUUID()}`;
  before(async () => {
    endpoint = await startEndpoint({ readOnly: true });
    await endpoint.store.appendToStream(stream, storeEvents(3), { expectedRevision: 'no_stream' });
    client = endpoint.client();
  });
  after(async () => endpoint.close());

  it('refuses appends with PERMISSION_DENIED (AccessDeniedError) and still serves reads', async () => {
    await assert.rejects(client.appendToStream(stream, events(1), { expectedRevision: 2n }), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError, `got ${String(error)}`);
      assert.equal(error.code, status.PERMISSION_DENIED);
      assert.match(error.message, /read-only/);
      return true;
    });
    await assert.rejects(client.appendToStream(`new-${randomUUID()}`, events(1)), AccessDeniedError);
    assert.deepEqual(await readTypes(client, stream), ['Seeded', 'Seeded', 'Seeded'], 'nothing was written');
  });
});
