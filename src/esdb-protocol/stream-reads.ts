import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import type { EventStore, GlobalPosition, RecordedEvent } from '../event-store/event-store.port';
import type { ReadPlan } from './read-request';
import { isMetastream, readStreamMetadata } from './metastream';
import { eventMessage, streamIdentifier } from './recorded-event-message';
import type { ResponseWriter } from './response-writer';

/** Events fetched from the store per round trip; one page is the most a slow reader keeps in memory. */
export const READ_PAGE = 500;

type ReadStreamPlan = Extract<ReadPlan, { kind: 'readStream' }>;
type ReadAllPlan = Extract<ReadPlan, { kind: 'readAll' }>;

/**
 * A stream read, inclusive of its start revision in both directions. A stream that was never
 * written is answered with a `stream_not_found` message and a normal end of call, as
 * EventStoreDB does; the client raises StreamNotFoundError from it.
 */
export async function readStream(store: EventStore, plan: ReadStreamPlan, writer: ResponseWriter): Promise<void> {
  if (isMetastream(plan.stream)) return readMetastream(store, plan, writer);
  const backwards = plan.direction === 'backwards';
  // Forwards from the end finds nothing, but a missing stream must still be reported.
  const existenceOnly = plan.from.at === 'end' && !backwards;
  let remaining = existenceOnly ? 0 : plan.count;
  let next: number | undefined = startRevision(plan);
  let first = true;
  while (!writer.stopped) {
    let page: RecordedEvent[];
    try {
      // At least one event is asked for, so even a read of 0 events tells an empty answer from a missing stream.
      page = await store.readStream(plan.stream, {
        direction: plan.direction,
        fromRevision: next,
        maxCount: Math.max(1, Math.min(READ_PAGE, remaining)),
      });
    } catch (error) {
      if (!(first && error instanceof StreamNotFoundError)) throw error;
      await writer.write(streamNotFound(plan.stream));
      return;
    }
    first = false;
    for (const event of page.slice(0, remaining)) {
      await writer.write(eventMessage(event, plan.uuid));
      remaining -= 1;
    }
    const last = page.at(-1);
    if (!last || page.length < READ_PAGE || remaining === 0) return;
    next = backwards ? last.revision - 1 : last.revision + 1;
    if (next < 0) return;
  }
}

/** A metastream holds one event here, the metadata in force (metastream.ts). */
async function readMetastream(store: EventStore, plan: ReadStreamPlan, writer: ResponseWriter): Promise<void> {
  const event = await readStreamMetadata(store, plan.stream);
  if (!event) return writer.write(streamNotFound(plan.stream));
  // Revision 0 is its first and its last: a forwards read past it, or from the end, finds nothing.
  const reaches = plan.direction === 'backwards' || plan.from.at === 'start' || (plan.from.at === 'revision' && plan.from.revision === 0);
  if (plan.count > 0 && reaches) await writer.write(eventMessage(event, plan.uuid));
}

function startRevision(plan: ReadStreamPlan): number | undefined {
  switch (plan.from.at) {
    case 'start':
      return 0;
    case 'end':
      // The port reads backwards from the end by default.
      return undefined;
    case 'revision':
      return plan.from.revision;
  }
}

/**
 * A `$all` read: forwards includes the event at the start position, backwards excludes it
 * (EventStoreDB's boundaries, which the port shares). Filters count only matching events.
 */
export async function readAll(store: EventStore, plan: ReadAllPlan, writer: ResponseWriter): Promise<void> {
  const backwards = plan.direction === 'backwards';
  if ((plan.from.at === 'end' && !backwards) || (plan.from.at === 'start' && backwards)) return;
  let remaining = plan.count;
  let cursor: GlobalPosition | undefined = plan.from.at === 'position' ? plan.from.position : undefined;
  while (!writer.stopped && remaining > 0) {
    // A prefix filter is left to the store (SQL on the embedded one): events outside it are never read here.
    const page = await store.readAll({ direction: plan.direction, fromPosition: cursor, maxCount: READ_PAGE, filter: plan.filter?.storeFilter });
    for (const event of page) {
      if (plan.filter && !plan.filter.matches(event)) continue;
      await writer.write(eventMessage(event, plan.uuid));
      remaining -= 1;
      if (remaining === 0) return;
    }
    const last = page.at(-1);
    if (!last || page.length < READ_PAGE) return;
    cursor = backwards ? last.globalPosition : last.globalPosition + 1n;
  }
}

function streamNotFound(stream: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(stream)));
}
