import { InvalidAppendError } from './event-store.errors';
import type { ExpectedRevision, NewEvent, StreamId } from './event-store.port';

/** Where the esdb adapter carries the schema version; callers may not set it themselves. */
export const RESERVED_METADATA = '$schemaVersion';

const DOLLAR = '$'.charCodeAt(0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same refusals on every adapter, before anything reaches the store. */
export function validateAppend(streamId: StreamId, events: NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppendError('streamId must be a non-empty string');
  if (streamId.startsWith('$')) throw new InvalidAppendError(`streamId ${streamId}: names starting with $ are reserved`);
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`expectedRevision must be a revision >= 0, no_stream, stream_exists or any`);
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  // A plain loop: this runs on every append, on the group-commit hot path.
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidAppendError(`events[${i}].eventId must be a UUID`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`events[${i}].type must be a non-empty string`);
    }
    // `$` marks system events in EventStoreDB, which $all readers skip: refuse it on every adapter alike.
    if (event.type.charCodeAt(0) === DOLLAR) throw new InvalidAppendError(`events[${i}].type: names starting with $ are reserved`);
    if (event.metadata !== undefined && Object.hasOwn(event.metadata, RESERVED_METADATA)) {
      throw new InvalidAppendError(`events[${i}].metadata.${RESERVED_METADATA} is reserved`);
    }
    if (event.data === undefined) throw new InvalidAppendError(`events[${i}].data is required`);
  }
}

/** Whether a stream whose last revision is `current` (-1: no stream) satisfies `expected`. */
export function acceptsExpectedRevision(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current !== -1;
    default:
      return expected === current;
  }
}
