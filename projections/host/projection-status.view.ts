import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EventCorrectedData } from '../runner/event-corrections';
import type { RunnerState } from '../runner/projection-runner';

export class ProjectionHaltView {
  @ApiProperty({ description: 'Global position of the event it cannot apply' }) position!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Whose books the event touches; null: unknown, closes of every company wait' }) companyCode!: string | null;
  @ApiProperty({ description: 'What the projection said when applying it' }) error!: string;
}

export class ProjectionStatusView {
  @ApiProperty() projection!: string;
  @ApiProperty({
    enum: ['starting', 'catching-up', 'live', 'halted', 'failed', 'stopped'],
    description:
      'starting: being rebuilt for a new version (reads show the previous one); halted: stopped at an event it cannot apply (`halt`), ' +
      'reads show rows up to `checkpoint`, the event before it; failed: stopped on another error (`error`), reads show rows up to `checkpoint`; ' +
      'one that failed while running, or whose start met the event store away, restarts from its checkpoint by itself after 0.5 s, growing to 30 s while it keeps failing',
  })
  state!: RunnerState | 'starting';
  @ApiProperty({ type: String, nullable: true, description: 'Global position of the last event applied; null before the first' })
  checkpoint!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Newest event the projection reads; null on an empty log' })
  headPosition!: string | null;
  @ApiProperty({ description: 'Events after the checkpoint, counted up to `countCap`' }) eventsBehind!: number;
  @ApiProperty() countCap!: number;
  @ApiProperty({ description: 'Seconds between the last applied event and the newest one (recordedAt); 0 when caught up' }) secondsBehind!: number;
  @ApiPropertyOptional({ description: 'Why the projection halted or failed' }) error?: string;
  @ApiPropertyOptional({ type: () => ProjectionHaltView, description: 'The event it is halted at, while `state` is halted' }) halt?: ProjectionHaltView;
}

export class ProjectionsView {
  @ApiProperty({ type: [ProjectionStatusView] }) projections!: ProjectionStatusView[];
}

export class ProjectionRebuildView {
  @ApiProperty() projection!: string;
  @ApiProperty({ description: 'Generation readers used before the rebuild' }) liveGeneration!: number;
  @ApiProperty({ description: 'Generation built from position 0' }) rebuiltGeneration!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Position both generations stood at when compared' }) checkpoint!: string | null;
  @ApiProperty() eventsApplied!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 of the live tables (canonical JSON, rows in key order); null when they are another version of the projection',
  })
  liveHash!: string | null;
  @ApiProperty() rebuiltHash!: string;
  @ApiProperty() equal!: boolean;
  @ApiProperty({ type: [String], description: 'Tables whose rows differ' }) differingTables!: string[];
  @ApiProperty({ description: 'Readers now use the rebuilt tables (only when equal)' }) switched!: boolean;
}

export class EventCorrectionView {
  @ApiProperty({ description: 'The projection whose halt asked for it; restart it to resume' }) projection!: string;
  @ApiProperty({ description: 'Global position of the EventCorrected event' }) position!: string;
  @ApiProperty({ description: 'The event corrected, the data the read side takes for it, and why' }) correction!: EventCorrectedData;
}
