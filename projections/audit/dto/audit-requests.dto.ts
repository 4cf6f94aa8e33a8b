import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCompanyCode, IsEntityId } from '../../../src/edge/field-rules';

/**
 * Journal entry and line ids are `<eventId>/<kind>[/<lineNo>]`; over HTTP their slashes are
 * sent encoded (`%2F`) in the path.
 */
const JOURNAL_ID = /^[A-Za-z0-9._:\-/]{1,256}$/;
/** Stream ids are `<category>-<id>`; settlement ids carry URI-encoded parts, so `%` is allowed. */
const STREAM_ID = /^[A-Za-z0-9._:\-/%]{1,300}$/;

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** Query strings and gRPC int64 fields arrive as text; digits become the number they spell. */
const wholeNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value);

export class LineRefDto {
  @ApiProperty({ example: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured/1' })
  @Matches(JOURNAL_ID, { message: 'lineId must be 1-256 letters, digits or . _ : - /' })
  lineId!: string;
}

export class EntryRefDto {
  @ApiProperty({ example: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured' })
  @Matches(JOURNAL_ID, { message: 'entryId must be 1-256 letters, digits or . _ : - /' })
  entryId!: string;
}

export class OrderRefDto {
  @ApiProperty({ example: 'o-1001' })
  @IsEntityId()
  orderId!: string;
}

export class PromotionLinesRefDto {
  @ApiProperty({ example: 'promo-vend5' })
  @IsEntityId()
  promotionId!: string;
}

export class BatchRefDto {
  @ApiProperty({ example: 'US01-2026-11-28-1' })
  @IsEntityId()
  batchId!: string;
}

export class CompanyRefDto {
  @IsCompanyCode()
  companyCode!: string;
}

export class ChainQueryDto {
  @ApiPropertyOptional({ description: 'Also rebuild every listed entry from history and check its hash and the totals', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'withEntries must be true or false' })
  withEntries?: boolean;
}

/** gRPC carries the company in the message; an unset bool is false. */
export class VerifyChainRequest extends CompanyRefDto {
  @IsBoolean({ message: 'withEntries must be true or false' })
  withEntries!: boolean;
}

export class StreamRefDto {
  @ApiProperty({ example: 'order-o-1001' })
  @Matches(STREAM_ID, { message: 'streamId must be 1-300 letters, digits or . _ : - / %' })
  streamId!: string;
}

export class ReplayPageDto {
  @ApiPropertyOptional({ description: 'First revision to return (inclusive)', default: 0 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'fromRevision must be a whole number' })
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ description: `Events per page, 1-${MAX_PAGE}`, default: DEFAULT_PAGE })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'maxCount must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE)
  maxCount?: number;
}

/** gRPC carries the stream in the message; proto3 sends 0 for an unset maxCount, which means the default. */
export class ReplayStreamRequest extends StreamRefDto {
  @Transform(wholeNumber)
  @IsInt({ message: 'fromRevision must be a whole number' })
  @Min(0)
  fromRevision!: number;

  @Transform(wholeNumber)
  @IsInt({ message: 'maxCount must be a whole number' })
  @Min(0)
  @Max(MAX_PAGE)
  maxCount!: number;
}
