import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EmptyIsAbsent, IsBoundedList, IsCalendarDate, IsEntityId } from '../../edge/field-rules';
import { MAPPING_KINDS } from '../reference-data.events';

/** Rows per import: one import is one event, which must stay well under the 1 MiB an EventStoreDB append takes. */
export const MAX_IMPORT_ROWS = 5_000;

const Text = () => applyDecorators(IsOptional(), IsString(), MaxLength(128));

/** One mapping as JSON: every value text, as a CSV row would give it; the decider reports what is wrong with it. */
export class MappingRowDto {
  @ApiPropertyOptional({ enum: MAPPING_KINDS, example: 'location' }) @Text() kind?: string;
  @ApiPropertyOptional({ example: 'S001', description: 'location or store id, channel, SKU, product group, or tender kind (`card`, `card/stripe`)' }) @Text() key?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'The first business day it applies to' }) @Text() effectiveFrom?: string;
  @ApiPropertyOptional({ example: 'US01', description: 'location, channel' }) @Text() companyCode?: string;
  @ApiPropertyOptional({ example: 'CC-S001', description: 'location' }) @Text() costCenter?: string;
  @ApiPropertyOptional({ example: 'PC-EAST', description: 'location' }) @Text() profitCenter?: string;
  @ApiPropertyOptional({ example: 'apparel', description: 'sku' }) @Text() productGroup?: string;
  @ApiPropertyOptional({ example: 'revenue.merchandise', description: 'product-group' }) @Text() revenueRole?: string;
  @ApiPropertyOptional({ example: 'psp.clearing', description: 'tender' }) @Text() clearingRole?: string;
}

/** Exactly one of `rows` (JSON) and `csv` (ReferenceDataCommands checks which). */
export class ImportReferenceDataDto {
  @ApiPropertyOptional({ type: [MappingRowDto], description: `The mappings as JSON, at most ${MAX_IMPORT_ROWS}` })
  // gRPC sends an empty repeated field for a CSV import.
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) && value.length === 0 ? undefined : value))
  @IsBoundedList({ min: 1, max: MAX_IMPORT_ROWS }, () => MappingRowDto, { optional: true })
  rows?: MappingRowDto[];

  @ApiPropertyOptional({
    example: 'kind,key,effectiveFrom,companyCode,costCenter,profitCenter\nlocation,S001,2026-11-01,US01,CC-S001,PC-EAST\n',
    description: 'The mappings as a CSV file (RFC 4180, header line naming the fields)',
  })
  @EmptyIsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  csv?: string;
}

export class MappingsQuery {
  @ApiPropertyOptional({ enum: MAPPING_KINDS })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(MAPPING_KINDS, { message: `$property must be one of ${MAPPING_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ example: 'S001' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsEntityId()
  key?: string;

  @ApiPropertyOptional({ example: '2026-11-28', description: 'Only the mappings in force on this business day (each kind and key once); every version when omitted' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
