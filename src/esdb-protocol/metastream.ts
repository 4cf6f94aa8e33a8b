import { status } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { v5 as uuidv5 } from 'uuid';
import type { EventStore, NewEvent, RecordedEvent, StreamMetadata } from '../event-store/event-store.port';
import { invalidArgument, ProtocolError } from './protocol-errors';

/** `$$<stream>`: where EventStoreDB clients write and read a stream's metadata (`setStreamMetadata`, `getStreamMetadata`). */
export const METASTREAM_PREFIX = '$$';
const TRUNCATE_BEFORE = '$tb';
const MAX_AGE = '$maxAge';
const SERVED = new Set([TRUNCATE_BEFORE, MAX_AGE]);
/** Fixed namespace for the id of the one `$metadata` event a metastream read answers. */
const METADATA_EVENTS = '5d0c3f9e-2a41-4b7c-9e0d-6f1a8b2c4e73';

export const isMetastream = (stream: string): boolean => stream.startsWith(METASTREAM_PREFIX);

/**
 * A stream's metadata written to its metastream, as far as the embedded store keeps it: `$tb`
 * (truncate before), applied at once (the events are deleted, as EventStoreDB's scavenge would),
 * and `$maxAge`, which the store's reads apply from then on. A document without `$maxAge`
 * removes it, as a new metadata event does in EventStoreDB. Other keys are refused, and the
 * metastream's own events are not kept: a read answers the metadata in force as one event.
 */
export async function writeStreamMetadata(store: EventStore, metastream: string, events: NewEvent[]): Promise<AppendResp> {
  const stream = metastream.slice(METASTREAM_PREFIX.length);
  if (!store.truncateStream || !store.setStreamMetadata) throw new ProtocolError(status.UNIMPLEMENTED, 'this store keeps no stream metadata');
  for (const [index, event] of events.entries()) {
    if (event.type !== '$metadata') throw invalidArgument(`events[${index}]: a metastream takes $metadata events, not ${event.type}`);
    const data = event.data as Record<string, unknown> | null;
    const keys = typeof data === 'object' && data !== null ? Object.keys(data) : [];
    const unserved = keys.filter((key) => !SERVED.has(key));
    if (unserved.length > 0) {
      throw new ProtocolError(status.UNIMPLEMENTED, `events[${index}]: only ${TRUNCATE_BEFORE} and ${MAX_AGE} stream metadata are served here, not ${unserved.join(', ')}`);
    }
    const before = data?.[TRUNCATE_BEFORE];
    const maxAge = data?.[MAX_AGE];
    if (before !== undefined && !(Number.isSafeInteger(before) && (before as number) >= 0)) throw invalidArgument(`events[${index}].${TRUNCATE_BEFORE} must be a stream revision`);
    if (maxAge !== undefined && !(Number.isSafeInteger(maxAge) && (maxAge as number) > 0))
      throw invalidArgument(`events[${index}].${MAX_AGE} must be a positive whole number of seconds`);
    await store.setStreamMetadata(stream, maxAge === undefined ? {} : { maxAgeSeconds: maxAge as number });
    if (before !== undefined) await store.truncateStream(stream, before as number);
  }
  return new AppendResp().setSuccess(new AppendResp.Success().setCurrentRevision(String(Math.max(0, events.length - 1))).setNoPosition(new Empty()));
}

/**
 * The metastream as a read sees it: the metadata in force as one `$metadata` event at revision 0,
 * or nothing (the client then reports no metadata) when the stream has none.
 */
export async function readStreamMetadata(store: EventStore, metastream: string): Promise<RecordedEvent | undefined> {
  const stream = metastream.slice(METASTREAM_PREFIX.length);
  const metadata: StreamMetadata = store.readStreamMetadata ? await store.readStreamMetadata(stream) : {};
  if (metadata.maxAgeSeconds === undefined && metadata.truncateBefore === undefined) return undefined;
  return {
    eventId: uuidv5(metastream, METADATA_EVENTS),
    type: '$metadata',
    schemaVersion: 1,
    streamId: metastream,
    revision: 0,
    globalPosition: 0n,
    recordedAt: new Date(0),
    data: {
      ...(metadata.maxAgeSeconds !== undefined && { [MAX_AGE]: metadata.maxAgeSeconds }),
      ...(metadata.truncateBefore !== undefined && { [TRUNCATE_BEFORE]: metadata.truncateBefore }),
    },
    metadata: {},
  };
}
