import type { EventMetadata, GlobalPosition } from '../event-store/event-store.port';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import type { CommandOutcome } from '../runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import type { CommandDispatcher } from '../runtime/command-dispatcher';
import type { ChangeWaitEnd } from '../runtime/stream-changes';
import { type AggregateType, type DomainEvent, streamIdOf } from '../runtime/decider';
import type { CommandContext } from './command-context';

/** The decider's "never created" refusal, which the edge answers as an unknown entity (404). */
export interface NotFoundRefusal {
  code: string;
  entity: string;
}

/**
 * One aggregate kind as every edge reaches it: a command for instance `id` goes to that
 * instance's actor, and a read of its state queues behind the commands already sent to it.
 * Every `<Aggregate>Commands` application service sends through one of these.
 */
export class AggregateCommands<C, E extends DomainEvent, S> {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly aggregate: AggregateType<C, E, S>,
    private readonly notFound?: NotFoundRefusal,
  ) {}

  /**
   * `extra` joins the request's metadata on the envelope (the channel, a payload reference).
   * A sender that serves no request (a size-triggered close) brings whatever metadata it has.
   */
  async send(
    id: string,
    command: C,
    context: Pick<CommandContext, 'commandId'> & { metadata: Omit<EventMetadata, 'commandId'> },
    extra: Omit<EventMetadata, 'commandId'> = {},
  ): Promise<CommandOutcome> {
    try {
      return await this.dispatcher.dispatch(this.aggregate, {
        commandId: context.commandId,
        streamId: streamIdOf(this.aggregate, id),
        command,
        metadata: { ...context.metadata, ...extra },
      });
    } catch (error) {
      const { notFound } = this;
      if (notFound && error instanceof BusinessRuleRefusal && error.code === notFound.code) throw new EntityNotFoundError(notFound.entity, id);
      throw error;
    }
  }

  /**
   * The instance's state and revision (-1: it does not exist) as the next command would see them,
   * and its last event's position (absent then), for waiting on a read model.
   */
  current(id: string): Promise<{ state: S; revision: number; position?: GlobalPosition }> {
    return this.dispatcher.current(this.aggregate, streamIdOf(this.aggregate, id));
  }

  /** Waits, at most `ms`, until a command of this process moves instance `id` past `revision` (see CommandDispatcher.waitForChange). */
  waitForChange(id: string, revision: number, ms: number, signal?: AbortSignal): Promise<ChangeWaitEnd> {
    return this.dispatcher.waitForChange(this.aggregate, streamIdOf(this.aggregate, id), revision, ms, signal);
  }
}

/** The AggregateCommands of an aggregate kind, typed by it. */
export type CommandsOf<A> = A extends AggregateType<infer C, infer E, infer S> ? AggregateCommands<C, E, S> : never;
