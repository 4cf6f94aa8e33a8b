import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TimerView {
  @ApiProperty() timerId!: string;
  @ApiProperty({ example: '2026-11-27T11:00:00.000Z' }) dueAt!: string;
}

export class ParkedFailureView {
  @ApiProperty({ example: 'RESERVE_QUANTITY_EXCEEDS_REMAINING: ...' }) reason!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'The input that failed: an event from the log ({kind: "event", type, streamId, data}) or a timer' })
  input!: unknown;
  @ApiPropertyOptional() at?: string;
}

export class SagaInstanceView {
  @ApiProperty({ example: 'fulfillment' }) saga!: string;
  @ApiProperty({ example: 'web-1001' }) instanceId!: string;
  @ApiProperty({ example: 'awaiting-payment', description: "parked, completed, active, or the saga's own label" }) state!: string;
  @ApiProperty({ type: [TimerView] }) timers!: TimerView[];
  @ApiPropertyOptional({ type: ParkedFailureView }) parked?: ParkedFailureView;
  @ApiPropertyOptional({ description: 'When the instance last took an input' }) lastStepAt?: string;
  @ApiPropertyOptional({ description: 'Completed instances only' }) completedAt?: string;
}

export class SagaSummaryView {
  @ApiProperty({ example: 'fulfillment' }) saga!: string;
  @ApiProperty({ example: { 'awaiting-payment': 3, completed: 120, parked: 1 }, description: 'Instances by state' })
  counts!: Record<string, number>;
  @ApiProperty({ description: 'Instances past their deadline' }) overdue!: number;
  @ApiProperty({
    description:
      'Events in the log after the last one the saga took (its own records among them), counted up to 10,000: on a busy machine the sagas give way to capture and catch up after',
  })
  eventsBehind!: number;
  @ApiProperty({ description: 'recordedAt of the newest event minus that of the last one the saga took; 0 when caught up (and until it took one after a start)' })
  secondsBehind!: number;
}

export class SagaSummariesView {
  @ApiProperty({ type: [SagaSummaryView] }) sagas!: SagaSummaryView[];
}

export class SagaInstancePageView {
  @ApiProperty() saga!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ type: [SagaInstanceView] }) instances!: SagaInstanceView[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page; absent on the last page' }) next?: string;
}

export class OverdueInstanceView {
  @ApiProperty({ type: SagaInstanceView }) instance!: SagaInstanceView;
  @ApiProperty({ enum: ['timer-overdue', 'no-progress'] }) why!: 'timer-overdue' | 'no-progress';
  @ApiProperty({ description: "The overdue timer's due time, or the last step" }) since!: string;
}

export class OverdueInstancesView {
  @ApiProperty({ type: [OverdueInstanceView] }) instances!: OverdueInstanceView[];
}

export class ParkedInstancesView {
  @ApiProperty({ type: [SagaInstanceView] }) instances!: SagaInstanceView[];
}

export class RetryOutcomeView {
  @ApiProperty({ enum: ['resumed', 'parked-again'], description: 'parked-again: a waiting input failed once more (see instance.parked)' })
  outcome!: 'resumed' | 'parked-again';
  @ApiProperty({ type: SagaInstanceView }) instance!: SagaInstanceView;
}
