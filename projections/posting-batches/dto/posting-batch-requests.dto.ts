import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EmptyIsAbsent, IsCalendarDate, IsCompanyCode, IsCompanyCodeFilter, IsEntityId } from '../../../src/edge/field-rules';
import { EXPORT_FORMATS, type ExportFormat } from '../../../src/erp/batch-export';

/** Close what is open for one company and posting day. */
export class CloseBatchDto {
  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ example: '2026-11-28', description: 'posting date (UTC day of the business time)' })
  @IsCalendarDate()
  postingDate!: string;
}

export class ListBatchesDto {
  @IsCompanyCodeFilter()
  companyCode?: string;

  @ApiPropertyOptional({ example: '2026-11-28' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  postingDate?: string;
}

export class BatchIdDto {
  @IsEntityId()
  batchId!: string;
}

export class ExportBatchDto extends BatchIdDto {
  @IsIn(EXPORT_FORMATS, { message: `$property must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;
}
