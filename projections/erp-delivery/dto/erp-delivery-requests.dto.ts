import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { EmptyIsAbsent, IsCalendarDate, IsCompanyCode, IsCompanyCodeFilter, IsEntityId, IsLabel } from '../../../src/edge/field-rules';

/** Target names as ERP_TARGETS spells them. */
const TARGET = /^[a-z0-9][a-z0-9-]{0,31}$/;
const IsTarget = () => Matches(TARGET, { message: '$property must be an ERP target name: lower-case letters, digits and -, at most 32' });

export class DeliveriesQuery {
  @IsCompanyCodeFilter()
  companyCode?: string;

  @ApiPropertyOptional({ example: 'sap' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsTarget()
  target?: string;

  @ApiPropertyOptional({ example: 'US01-2026-11-28-1', description: 'One batch: where it stands at each target, its ERP documents and its delivery history' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsEntityId()
  batchId?: string;
}

export class DeadLettersQuery {
  @IsCompanyCodeFilter()
  companyCode?: string;

  @ApiPropertyOptional({ example: 'sap' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsTarget()
  target?: string;
}

export class DeliveredBatchRef {
  @ApiProperty({ example: 'sap' })
  @IsTarget()
  target!: string;

  @ApiProperty({ example: 'US01-2026-11-28-1' })
  @IsEntityId()
  batchId!: string;
}

/** Why an operator replays or skips a dead letter: kept in the delivery log with who decided. */
export class OperatorDecisionDto {
  @ApiProperty({ example: 'G/L account 0000113100 opened in SAP', maxLength: 500 })
  @IsLabel(500)
  reason!: string;
}

/** gRPC carries the path's fields in the message. */
export class OperatorDecisionMessage extends DeliveredBatchRef {
  @ApiProperty({ maxLength: 500 })
  @IsLabel(500)
  reason!: string;
}

export class BatchRefDto {
  @ApiProperty({ example: 'US01-2026-11-28-1' })
  @IsEntityId()
  batchId!: string;
}

export class ReconciliationQuery {
  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ example: 'sap' })
  @IsTarget()
  target!: string;

  @ApiProperty({ example: '2026-11-01', description: 'first posting day' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'last posting day' })
  @IsCalendarDate()
  to!: string;
}
