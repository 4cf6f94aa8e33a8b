import { Inject } from '@nestjs/common';
import { Command, CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandOutcome } from './aggregate-actor';
import { CommandDispatcher } from './command-dispatcher';
import type { AggregateType, DomainEvent } from './decider';
import { EventRecorded } from './event-recorded';

/** The one command every aggregate slice sends through the CommandBus. */
export class HandleAggregateCommand<C = unknown, E extends DomainEvent = DomainEvent, S = unknown> extends Command<CommandOutcome> {
  constructor(
    readonly aggregate: AggregateType<C, E, S>,
    readonly envelope: CommandEnvelope<C>,
  ) {
    super();
  }
}

@CommandHandler(HandleAggregateCommand)
export class HandleAggregateCommandHandler implements ICommandHandler<HandleAggregateCommand> {
  constructor(
    @Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher,
    @Inject(EventBus) private readonly eventBus: EventBus,
  ) {}

  async execute(command: HandleAggregateCommand): Promise<CommandOutcome> {
    const outcome = await this.dispatcher.dispatch(command.aggregate, command.envelope);
    // Publish only after the append resolved (durable), and only once per command.
    if (!outcome.duplicate && outcome.events.length > 0) {
      this.eventBus.publishAll(outcome.events.map((event) => new EventRecorded(outcome.streamId, event)));
    }
    return outcome;
  }
}
