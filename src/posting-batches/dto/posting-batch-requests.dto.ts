import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { COMPANY_CODE, IsCalendarDate, IsCompanyCode, IsEntityId } from '../../edge/field-rules';
import { EXPORT_FORMATS, type ExportFormat } from '../../erp/batch-export';

/** Close what is open for one company and posting day. */
export class CloseBatchDto {
  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ example: '2026-11-28', description: 'posting date (UTC day of the business time)' })
  @IsCalendarDate()
  postingDate!: string;
}

/** gRPC clients send an unset string filter as "": no filter, as proto3 means it. */
const emptyIsUnset = Transform(({ value }) => (value === '' ? undefined : value));

export class ListBatchesDto {
  @ApiPropertyOptional({ example: 'US01' })
  @emptyIsUnset
  @IsOptional()
  @Matches(COMPANY_CODE, { message: '$property must be a company code of 1-16 letters and digits' })
  companyCode?: string;

  @ApiPropertyOptional({ example: '2026-11-28' })
  @emptyIsUnset
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
