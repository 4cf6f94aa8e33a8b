import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { binaryEvent, BACKWARDS, END, eventTypeFilter, jsonEvent, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { startEndpoint, type Endpoint } from '../esdb-protocol/endpoint-fixture';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The esdb adapter, through the real @eventstore/db-client, against the embedded store served
 * by the EventStoreDB protocol endpoint: the adapter is exercised in every `npm test` even
 * where no EventStoreDB can run.
 */
describeEventStoreContract('esdb adapter -> ESDB protocol endpoint -> embedded store', async () => {
  const endpoint = await startEndpoint();
  const store = new EsdbEventStore(endpoint.url);
  return {
    store,
    dispose: async () => {
      await store.close();
      await endpoint.close();
    },
  };
});

describe('esdb adapter: KurrentDB connection strings', () => {
  it('reaches the store at a kurrentdb:// connection string as at esdb://', async () => {
    const endpoint = await startEndpoint();
    const store = new EsdbEventStore(`kurrentdb://${endpoint.address}?tls=false`);
    try {
      const stream = `kurrent-${randomUUID()}`;
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'Reached', data: { via: 'kurrentdb://' } }], { expectedRevision: 'no_stream' });
      const read = endpoint.client().readStream(stream, { maxCount: 1 });
      for await (const resolved of read) assert.deepEqual(resolved.event?.data, { via: 'kurrentdb://' });
      assert.deepEqual(
        (await store.readStream(stream)).map((event) => event.type),
        ['Reached'],
      );
    } finally {
      await store.close();
      await endpoint.close();
    }
  });
});

/**
 * What a client of real EventStoreDB would see differently through the endpoint. Each case
 * asserts the endpoint's behaviour and says, in the test output, what EventStoreDB does.
 */
describe('ESDB protocol endpoint: where it differs from EventStoreDB', () => {
  let endpoint: Endpoint;
  let client: EventStoreDBClient;
  before(async () => {
    endpoint = await startEndpoint();
    client = endpoint.client();
  });
  after(async () => endpoint.close());

  it('has no system events in $all (EventStoreDB also carries $-prefixed system records there)', async (t) => {
    const stream = `diff-${randomUUID()}`;
    await client.appendToStream(stream, [jsonEvent({ type: 'ThingHappened', data: { n: 1 } })]);
    const all: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END })) all.push(resolved);
    assert.deepEqual(
      all.map((r) => `${r.event?.streamId}/${r.event?.type}`),
      [`${stream}/ThingHappened`],
      'an unfiltered $all read returns exactly what clients appended',
    );
    t.diagnostic(
      'differs from EventStoreDB: its $all also holds system events ($-prefixed streams and types such as $metadata, ' +
        '$statistics, $settings); the embedded store has none and refuses $-prefixed names, so readers that exclude ' +
        'system events (as the esdb adapter does) see the same events on both.',
    );
  });

  it('evaluates filter regexes as JavaScript RegExp and refuses .NET-only syntax with INVALID_ARGUMENT', async (t) => {
    const stream = `regex-${randomUUID()}`;
    await client.appendToStream(stream, [jsonEvent({ type: 'RegexKept', data: {} }), jsonEvent({ type: 'RegexOther', data: {} })]);
    const portable = client.subscribeToAll({ filter: eventTypeFilter({ regex: '^Regex(Kept|Gone)$' }) });
    for await (const resolved of portable) {
      assert.equal(resolved.event?.type, 'RegexKept', 'a regex valid in both dialects matches the same events');
      break;
    }

    const dotnetOnly = client.subscribeToAll({ filter: eventTypeFilter({ regex: '(?i)^regexkept$' }) });
    const refusal = await new Promise<Error & { code?: number }>((resolve) => dotnetOnly.once('error', resolve));
    assert.equal(refusal.code, status.INVALID_ARGUMENT);
    assert.match(refusal.message, /JavaScript regular expressions, not \.NET/);
    t.diagnostic(
      'differs from EventStoreDB: it compiles filter regexes with .NET; this endpoint uses JavaScript RegExp. ' +
        'Anchors, classes, groups and alternation behave alike; .NET-only syntax such as inline options (?i) is refused.',
    );
  });

  it('accepts JSON events only: a binary event is refused with INVALID_ARGUMENT and nothing is written', async (t) => {
    const stream = `binary-${randomUUID()}`;
    await assert.rejects(
      client.appendToStream(stream, binaryEvent({ type: 'Blob', data: Uint8Array.from([1, 2, 3]) })),
      (error: Error & { code?: number }) => error.code === status.INVALID_ARGUMENT && /application\/json events only/.test(error.message),
    );
    await assert.rejects(async () => {
      for await (const _ of client.readStream(stream)) assert.fail('nothing may have been written');
    }, /not found/);
    t.diagnostic(
      'differs from EventStoreDB: it stores any bytes; the embedded store keeps JSON values, so data and metadata ' +
        'must be UTF-8 JSON (metadata a JSON object) and come back compactly serialized.',
    );
  });

  it('adds the stored schema version to custom metadata as $schemaVersion, as the esdb adapter writes it', async (t) => {
    const stream = `meta-${randomUUID()}`;
    await client.appendToStream(stream, jsonEvent({ type: 'Tagged', data: {}, metadata: { source: 'pos' } }));
    for await (const resolved of client.readStream(stream)) {
      assert.deepEqual(resolved.event?.metadata, { source: 'pos', $schemaVersion: 1 });
    }
    t.diagnostic(
      'differs from EventStoreDB: metadata comes back with "$schemaVersion" (default 1) appended, which is how ' +
        'Ledgerbridge carries schema versions in EventStoreDB; a $schemaVersion sent on append becomes the stored version.',
    );
  });

  it('serves only the $tb and $maxAge stream metadata, $tb applied at once; other metadata answers UNIMPLEMENTED', async (t) => {
    const stream = `tb-${randomUUID()}`;
    await client.appendToStream(stream, [jsonEvent({ type: 'Saved', data: { n: 0 } }), jsonEvent({ type: 'Saved', data: { n: 1 } }), jsonEvent({ type: 'Saved', data: { n: 2 } })]);
    await client.setStreamMetadata(stream, { truncateBefore: 2, maxAge: 3600 });
    const kept: number[] = [];
    for await (const resolved of client.readStream(stream)) kept.push(Number(resolved.event?.revision));
    assert.deepEqual(kept, [2]);
    assert.deepEqual((await client.getStreamMetadata(stream)).metadata, { truncateBefore: 2, maxAge: 3600 }, 'read back from $$<stream>');
    assert.equal((await client.getStreamMetadata(`none-${randomUUID()}`)).metadata, undefined);
    await assert.rejects(client.setStreamMetadata(stream, { maxCount: 1 }), (error: Error & { code?: number }) => error.code === status.UNIMPLEMENTED);
    t.diagnostic(
      'differs from EventStoreDB: it keeps any stream metadata as events of $$<stream> and applies $tb and $maxAge lazily (reads skip, ' +
        'the scavenge reclaims); the endpoint serves only $tb and $maxAge, the keys the esdb adapter sets, deletes events before $tb at once ' +
        'and never deletes expired ones. A metastream read answers the metadata in force as one $metadata event at revision 0.',
    );
  });

  it('does not delete or tombstone streams: the log is append-only (UNIMPLEMENTED)', async (t) => {
    const stream = `keep-${randomUUID()}`;
    await client.appendToStream(stream, jsonEvent({ type: 'Kept', data: {} }));
    await assert.rejects(client.deleteStream(stream), (error: Error & { code?: number }) => error.code === status.UNIMPLEMENTED);
    await assert.rejects(client.tombstoneStream(stream), (error: Error & { code?: number }) => error.code === status.UNIMPLEMENTED);
    t.diagnostic('differs from EventStoreDB: Streams.Delete and Streams.Tombstone are not served; ledger history is never removed.');
  });
});
