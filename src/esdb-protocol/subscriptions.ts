import { randomUUID } from 'node:crypto';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import type { AllSubscription, EventStore, GlobalPosition, RecordedEvent } from '../event-store/event-store.port';
import { positionText } from './positions';
import { unavailable } from './protocol-errors';
import type { ReadPlan } from './read-request';
import { eventMessage } from './recorded-event-message';
import type { ResponseWriter } from './response-writer';
import { READ_PAGE } from './stream-reads';

type SubscribeToAllPlan = Extract<ReadPlan, { kind: 'subscribeToAll' }>;
type SubscribeToStreamPlan = Extract<ReadPlan, { kind: 'subscribeToStream' }>;

/**
 * A catch-up subscription to `$all`, in EventStoreDB's message order: `confirmation` first,
 * the events after the start position (exclusive), `caught_up` once at the seam, then live
 * events. A filtered subscription also reports a `checkpoint` each time it has considered
 * `checkpointInterval` events, matching or not, so a reader of a sparse filter can save its
 * progress. The store subscription is unfiltered for that reason: it must see what it skips.
 */
export async function subscribeToAll(store: EventStore, plan: SubscribeToAllPlan, writer: ResponseWriter): Promise<void> {
  await writer.write(confirmation());
  const fromPosition = plan.from.at === 'position' ? plan.from.position : plan.from.at === 'end' ? await headPosition(store) : undefined;
  let considered = 0;
  await follow(store.subscribeToAll({ fromPosition }), writer, async (event) => {
    if (!plan.filter) return writer.write(eventMessage(event, plan.uuid));
    if (plan.filter.matches(event)) await writer.write(eventMessage(event, plan.uuid));
    considered += 1;
    if (considered === plan.filter.checkpointInterval) {
      considered = 0;
      await writer.write(checkpoint(event.globalPosition));
    }
  });
}

/**
 * A catch-up subscription to one stream, after its start revision (exclusive). The port only
 * subscribes to `$all`, so this reads the stream's backlog first and then follows `$all` from
 * the later of the log's head before that read and the last event read: anything appended to
 * the stream after the read lies beyond that position, so nothing is missed, and revisions
 * already sent are skipped, so nothing repeats. A stream that does not exist yet is simply
 * waited for, as in EventStoreDB.
 */
export async function subscribeToStream(store: EventStore, plan: SubscribeToStreamPlan, writer: ResponseWriter): Promise<void> {
  await writer.write(confirmation());
  let resumeAfter = await headPosition(store);
  let lastRevision = -1;
  if (plan.from.at === 'end') {
    lastRevision = (await readStreamPage(store, plan.stream, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? -1;
  } else {
    if (plan.from.at === 'revision') lastRevision = plan.from.revision;
    for (;;) {
      const page = await readStreamPage(store, plan.stream, { fromRevision: lastRevision + 1, maxCount: READ_PAGE });
      for (const event of page) {
        if (writer.stopped) return;
        await writer.write(eventMessage(event, plan.uuid));
        lastRevision = event.revision;
        if (resumeAfter === undefined || event.globalPosition > resumeAfter) resumeAfter = event.globalPosition;
      }
      if (page.length < READ_PAGE) break;
    }
  }
  if (writer.stopped) return;
  const live = store.subscribeToAll({ fromPosition: resumeAfter, filter: { on: 'streamName', prefixes: [plan.stream] } });
  await follow(live, writer, async (event) => {
    if (event.streamId !== plan.stream || event.revision <= lastRevision) return;
    lastRevision = event.revision;
    await writer.write(eventMessage(event, plan.uuid));
  });
}

/** Drives a store subscription until the call stops; the store subscription is always closed. */
async function follow(subscription: AllSubscription, writer: ResponseWriter, onEvent: (event: RecordedEvent) => Promise<void>): Promise<void> {
  const close = () => void subscription.close();
  writer.signal.addEventListener('abort', close, { once: true });
  try {
    for await (const message of subscription) {
      if (writer.stopped) return;
      if (message.kind === 'caughtUp') await writer.write(caughtUp());
      else await onEvent(message.event);
    }
    if (!writer.stopped) throw unavailable('the event store ended the subscription');
  } finally {
    writer.signal.removeEventListener('abort', close);
    await subscription.close();
  }
}

/** Position of the last event in the log, or undefined when the log is empty. */
async function headPosition(store: EventStore): Promise<GlobalPosition | undefined> {
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
  return last?.globalPosition;
}

async function readStreamPage(store: EventStore, stream: string, options: Parameters<EventStore['readStream']>[1]): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

function confirmation(): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()));
}

function caughtUp(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

function checkpoint(position: GlobalPosition): ReadResp {
  const text = positionText(position);
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(text).setPreparePosition(text));
}
