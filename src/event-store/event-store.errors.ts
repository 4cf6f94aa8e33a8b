import type { ExpectedRevision, StreamId, StreamRevision } from './event-store.port';

/** The stream was not where the writer expected it; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: StreamId,
    readonly expected: ExpectedRevision,
    /** Last revision in the stream, or `no_stream`. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/**
 * The stream was never written. An answer rather than a fault: every new order's actor meets it
 * when it loads, so it is built without a stack trace, whose capture cost the request loop
 * more than the read that found nothing.
 */
export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  readonly streamId: StreamId;

  constructor(streamId: StreamId) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`stream ${streamId} not found`);
    Error.stackTraceLimit = stackTraceLimit;
    this.streamId = streamId;
  }
}

/** The append was refused because its content is unacceptable (e.g. empty, oversize, bad id). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** The store could not be reached or failed for a reason unrelated to the request. */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
}
