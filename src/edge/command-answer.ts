import { ApiProperty } from '@nestjs/swagger';
import type { CommandOutcome } from '../runtime/aggregate-actor';

export class RecordedEventAnswer {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'PromotionActivated' }) type!: string;
  @ApiProperty({ description: 'The event’s revision in its stream' }) revision!: number;
}

/**
 * What every aggregate write answers (201 / the gRPC reply): the entity, its revision after the
 * command, and the events it recorded, none when the command changed nothing (a repeat).
 */
export class CommandAnswer {
  @ApiProperty({ description: 'The entity the command was for' }) id!: string;
  @ApiProperty({ description: 'Its stream revision after the command; -1 while it does not exist' }) revision!: number;
  @ApiProperty({ type: [RecordedEventAnswer] }) events!: RecordedEventAnswer[];
}

export function commandAnswer(id: string, outcome: CommandOutcome): CommandAnswer {
  return { id, revision: outcome.revision, events: recordedEvents(outcome) };
}

/** The events a command recorded, as every write answers them. */
export function recordedEvents(outcome: CommandOutcome): RecordedEventAnswer[] {
  return outcome.events.map(({ eventId, type, revision }) => ({ eventId, type, revision }));
}
