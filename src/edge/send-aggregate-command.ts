import type { CommandBus } from '@nestjs/cqrs';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import type { CommandOutcome } from '../runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import { type AggregateType, type DomainEvent, streamIdOf } from '../runtime/decider';
import { HandleAggregateCommand } from '../runtime/handle-aggregate-command';
import type { CommandContext } from './command-context';

/** The decider's "never created" refusal, which the edge answers as an unknown entity (404). */
export interface NotFoundRefusal {
  code: string;
  entity: string;
}

/** Sends one command for the request to the aggregate instance `id`, through the CommandBus. */
export async function sendAggregateCommand<C, E extends DomainEvent, S>(
  bus: CommandBus,
  aggregate: AggregateType<C, E, S>,
  id: string,
  command: C,
  context: CommandContext,
  notFound?: NotFoundRefusal,
): Promise<CommandOutcome> {
  try {
    return await bus.execute(
      new HandleAggregateCommand(aggregate, { commandId: context.commandId, streamId: streamIdOf(aggregate, id), command, metadata: context.metadata }),
    );
  } catch (error) {
    if (notFound && error instanceof BusinessRuleRefusal && error.code === notFound.code) throw new EntityNotFoundError(notFound.entity, id);
    throw error;
  }
}
