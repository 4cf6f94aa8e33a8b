import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RunnerState } from '../runner/projection-runner';

export class ProjectionStatusView {
  @ApiProperty() projection!: string;
  @ApiProperty({
    enum: ['starting', 'catching-up', 'live', 'failed', 'stopped'],
    description: 'starting: being rebuilt for a new version (reads show the previous one); failed: stopped on an error, reads show rows up to `checkpoint`',
  })
  state!: RunnerState | 'starting';
  @ApiProperty({ type: String, nullable: true, description: 'Global position of the last event applied; null before the first' })
  checkpoint!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Newest event the projection reads; null on an empty log' })
  headPosition!: string | null;
  @ApiProperty({ description: 'Events after the checkpoint, counted up to `countCap`' }) eventsBehind!: number;
  @ApiProperty() countCap!: number;
  @ApiProperty({ description: 'Seconds between the last applied event and the newest one (recordedAt); 0 when caught up' }) secondsBehind!: number;
  @ApiPropertyOptional({ description: 'Why the projection failed' }) error?: string;
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
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the live tables (canonical JSON, rows in key order); null when they are another version of the projection' }) liveHash!: string | null;
  @ApiProperty() rebuiltHash!: string;
  @ApiProperty() equal!: boolean;
  @ApiProperty({ type: [String], description: 'Tables whose rows differ' }) differingTables!: string[];
  @ApiProperty({ description: 'Readers now use the rebuilt tables (only when equal)' }) switched!: boolean;
}
