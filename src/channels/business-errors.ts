import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../edge/command-context';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import { BusinessErrorIndex } from './business-error-index';
import { BUSINESS_ERROR_STREAM_PREFIX, businessErrorAggregate, businessErrorId } from './business-errors.aggregate';
import type { ReprocessingOutcome } from './business-errors.commands';
import type { BusinessError } from './business-errors.events';
import type { BusinessErrorState } from './business-errors.evolve';
import { requireOpen } from './business-errors.decide';
import { deliveryDerivedId } from './channel-deliveries';
import { EntityNotFoundError } from '../errors/entity-not-found.error';

export type { BusinessError } from './business-errors.events';
export { BUSINESS_ERROR_STREAM_PREFIX } from './business-errors.aggregate';

/** A channel's mediation, run again on a payload it refused: what it gives now. */
export interface ChannelReprocessor {
  channel: string;
  /** A payload topic it runs again on any channel (register sales come on channels of any name). */
  topic?: string;
  reprocess(entry: BusinessError, context: CommandContext): Promise<ReprocessingOutcome>;
}

/** The reprocessors of the channels that put payloads on the queue. */
export const CHANNEL_REPROCESSORS = Symbol('ChannelReprocessors');

/** The most entries one page of the queue lists. */
export const MAX_LISTED_ERRORS = 1000;

/** One entry as the queue shows it: the payload's first refusal, where it stands, and why (now). */
export type BusinessErrorView = BusinessError & {
  id: string;
  position: string;
  status: BusinessErrorState['status'];
  /** How often an operator reprocessed it. */
  reprocessed: number;
  dismissal?: { reason: string; by: string; at: string };
};

function viewOf(id: string, position: bigint, state: BusinessErrorState): BusinessErrorView {
  return {
    id: `${BUSINESS_ERROR_STREAM_PREFIX}${id}`,
    position: String(position),
    ...state.entry!,
    ...state.problem!,
    status: state.status,
    reprocessed: state.reprocessed,
    ...(state.dismissal ? { dismissal: state.dismissal } : {}),
  };
}

/**
 * The business-error queue: channel payloads that were kept but not posted, and why. Entries are
 * an aggregate, so recording, reprocessing and dismissing are events on the entry's stream.
 */
@Injectable()
export class BusinessErrorCommands {
  private readonly entries: CommandsOf<typeof businessErrorAggregate>;

  constructor(
    @Inject(BusinessErrorIndex) private readonly index: BusinessErrorIndex,
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
  ) {
    this.entries = new AggregateCommands(dispatcher, businessErrorAggregate, { code: 'BUSINESS_ERROR_NOT_FOUND', entity: 'business error' });
  }

  /** Puts a delivery's payload on the queue once; returns the entry's id (its stream). */
  async record(error: BusinessError, metadata: { correlationId: string; principal: string }): Promise<string> {
    const id = businessErrorId(error.channel, error.deliveryId);
    await this.entries.send(id, { kind: 'RecordBusinessError', error }, { commandId: deliveryDerivedId(error.channel, error.deliveryId, 'business-error'), metadata });
    return `${BUSINESS_ERROR_STREAM_PREFIX}${id}`;
  }

  /** The entry a delivery left, if it left one. */
  async ofDelivery(channel: string, deliveryId: string): Promise<BusinessErrorView | undefined> {
    const id = businessErrorId(channel, deliveryId);
    const { state, revision, position } = await this.entries.current(id);
    return revision < 0 || !state.entry ? undefined : viewOf(id, position ?? 0n, state);
  }

  /** Every entry, oldest first; `status` keeps only those open, resolved or dismissed. */
  async list(status?: BusinessErrorState['status']): Promise<BusinessErrorView[]> {
    return (await this.page({ status, limit: Number.POSITIVE_INFINITY })).items;
  }

  /** Up to `limit` entries whose first event is after `after`, oldest first; `next` is where the following page starts. */
  async page({
    status,
    limit = MAX_LISTED_ERRORS,
    after = -1n,
  }: {
    status?: BusinessErrorState['status'];
    limit?: number;
    after?: bigint;
  }): Promise<{ items: BusinessErrorView[]; next?: string }> {
    const items: BusinessErrorView[] = [];
    for (const [streamId, { state, position }] of await this.index.current()) {
      if (position <= after || !state.entry || (status !== undefined && state.status !== status)) continue;
      if (items.length === limit) return { items, next: items[items.length - 1].position };
      items.push(viewOf(streamId.slice(BUSINESS_ERROR_STREAM_PREFIX.length), position, state));
    }
    return { items };
  }

  async get(entryId: string): Promise<BusinessErrorView> {
    const id = this.idOf(entryId);
    const { state, position } = await this.entries.current(id);
    if (!state.entry) throw new EntityNotFoundError('business error', entryId);
    return viewOf(id, position ?? 0n, state);
  }

  /** Only an open entry may run again: refused before its payload does. */
  async requireOpen(entryId: string): Promise<void> {
    requireOpen((await this.entries.current(this.idOf(entryId))).state);
  }

  async recordReprocessing(entryId: string, outcome: ReprocessingOutcome, context: CommandContext, at: string): Promise<BusinessErrorView> {
    await this.entries.send(this.idOf(entryId), { kind: 'RecordReprocessing', outcome, by: context.principal, at }, context);
    return this.get(entryId);
  }

  async dismiss(entryId: string, reason: string, context: CommandContext, at: string): Promise<BusinessErrorView> {
    await this.entries.send(this.idOf(entryId), { kind: 'DismissBusinessError', reason, by: context.principal, at }, context);
    return this.get(entryId);
  }

  /** Entries are addressed by their stream id (as listed) or by `<channel>-<delivery id>`. */
  private idOf(entryId: string): string {
    return entryId.startsWith(BUSINESS_ERROR_STREAM_PREFIX) ? entryId.slice(BUSINESS_ERROR_STREAM_PREFIX.length) : entryId;
  }
}

/**
 * Runs an entry's kept payload through its channel's mediation again (after a promotion or a
 * setting was defined, say) and records what it gave on the entry: resolved, or refused again
 * with today's reason.
 */
@Injectable()
export class BusinessErrorReprocessing {
  private readonly reprocessors: Map<string, ChannelReprocessor>;
  private readonly byTopic: Map<string, ChannelReprocessor>;

  constructor(
    @Inject(BusinessErrorCommands) private readonly entries: BusinessErrorCommands,
    @Inject(CHANNEL_REPROCESSORS) reprocessors: ChannelReprocessor[],
  ) {
    this.reprocessors = new Map(reprocessors.map((r) => [r.channel, r]));
    this.byTopic = new Map(reprocessors.flatMap((r) => (r.topic ? [[r.topic, r] as const] : [])));
  }

  async reprocess(entryId: string, context: CommandContext, at: string): Promise<{ outcome: ReprocessingOutcome; entry: BusinessErrorView }> {
    const entry = await this.entries.get(entryId);
    await this.entries.requireOpen(entryId);
    const reprocessor = this.reprocessors.get(entry.channel) ?? this.byTopic.get(entry.topic);
    const outcome: ReprocessingOutcome = reprocessor
      ? await reprocessor.reprocess(entry, context)
      : { status: 'rejected', reason: entry.reason, message: `no mediation reprocesses ${entry.channel} payloads`, details: entry.details };
    return { outcome, entry: await this.entries.recordReprocessing(entryId, outcome, context, at) };
  }
}
