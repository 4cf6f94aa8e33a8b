import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  HasDistinctItems,
  IsBoundedList,
  IsCurrencyCode,
  IsEntityId,
  IsInstant,
  IsLabel,
  IsMinorUnits,
  IsNestedObject,
  IsRate,
  IsStringMap,
  OnlyWhen,
} from '../../edge/field-rules';

/** Most SKUs one promotion may list (README "Limits"); a promotion on more uses allSkus or several promotions. */
export const MAX_ELIGIBLE_SKUS = 10_000;

export class MoneyDto {
  @ApiProperty({ description: 'Whole minor units (cents), above 0', example: 1000 })
  @IsMinorUnits(1)
  amountMinor!: number;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;
}

export class WindowDto {
  @ApiProperty({ example: '2026-11-27T00:00:00Z', description: 'First instant the promotion applies' })
  @IsInstant()
  from!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'The promotion ends just before this instant' })
  @IsInstant()
  to!: string;
}

export class BenefitDto {
  @ApiProperty({ enum: ['fixed', 'percentage'] })
  @IsIn(['fixed', 'percentage'])
  type!: 'fixed' | 'percentage';

  @ApiPropertyOptional({ type: MoneyDto, description: 'The amount off; fixed benefits only' })
  @ValidateIf((o: BenefitDto) => o.type === 'fixed' || o.amount != null)
  @OnlyWhen((o: BenefitDto) => o.type === 'fixed', 'fixed benefits')
  @IsNestedObject(() => MoneyDto)
  amount?: MoneyDto;

  @ApiPropertyOptional({ example: '15%', description: 'Percentage off; percentage benefits only' })
  @ValidateIf((o: BenefitDto) => o.type === 'percentage' || o.rate != null)
  @OnlyWhen((o: BenefitDto) => o.type === 'percentage', 'percentage benefits')
  @IsRate()
  rate?: string;
}

export class FundingDto {
  @ApiProperty({ enum: ['retailer', 'vendor'] })
  @IsIn(['retailer', 'vendor'])
  source!: 'retailer' | 'vendor';

  @ApiPropertyOptional({ example: 'acme', description: 'Vendor funding only' })
  @ValidateIf((o: FundingDto) => o.source === 'vendor' || o.vendorId != null)
  @OnlyWhen((o: FundingDto) => o.source === 'vendor', 'vendor funding')
  @IsEntityId()
  vendorId?: string;

  @ApiPropertyOptional({ example: '100%', description: 'Share of the discount the vendor bears; vendor funding only' })
  @ValidateIf((o: FundingDto) => o.source === 'vendor' || o.fundedShare != null)
  @OnlyWhen((o: FundingDto) => o.source === 'vendor', 'vendor funding')
  @IsRate()
  fundedShare?: string;
}

/** A promotion's terms, the same message over HTTP (`POST /promotions`) and gRPC (`DefinePromotion`). */
export class DefinePromotionDto {
  @ApiProperty({ example: 'save10' })
  @IsEntityId()
  promotionId!: string;

  @ApiProperty({ example: 'SAVE10', description: 'The code shoppers type' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1-64 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ example: '10.00 off your order' })
  @IsLabel(200)
  name!: string;

  @ApiProperty({ type: WindowDto })
  @IsNestedObject(() => WindowDto)
  window!: WindowDto;

  @ApiProperty({ description: 'true: every SKU is eligible (and eligibleSkus stays empty)' })
  @IsBoolean()
  allSkus!: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_ELIGIBLE_SKUS, description: 'The eligible SKUs, when not allSkus' })
  @ValidateIf((o: DefinePromotionDto) => o.allSkus !== true || (o.eligibleSkus?.length ?? 0) > 0)
  @OnlyWhen((o: DefinePromotionDto) => o.allSkus !== true, 'promotions on listed SKUs (allSkus false)')
  @IsBoundedList({ min: 1, max: MAX_ELIGIBLE_SKUS })
  @HasDistinctItems()
  @IsEntityId({ each: true })
  eligibleSkus?: string[];

  @ApiProperty({ type: BenefitDto })
  @IsNestedObject(() => BenefitDto)
  benefit!: BenefitDto;

  @ApiProperty({ enum: ['each', 'across', 'once'], description: 'Per eligible unit, spread across eligible lines, or once on one line' })
  @IsIn(['each', 'across', 'once'])
  allocation!: 'each' | 'across' | 'once';

  @ApiProperty({ type: FundingDto })
  @IsNestedObject(() => FundingDto)
  funding!: FundingDto;

  @ApiProperty({ description: 'The discount lowers the taxable amount' })
  @IsBoolean()
  reducesTaxBase!: boolean;

  @ApiPropertyOptional({ example: { costCenter: 'MKT-BF26', glHint: 'discount.retailer' }, description: 'Attributes finance maps to its ledger' })
  @IsOptional()
  @IsObject()
  @IsStringMap(32, 256)
  accounting?: Record<string, string>;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Most the promotion may cost, net of releases and clawbacks' })
  @IsNestedObject(() => MoneyDto, { optional: true })
  budget?: MoneyDto;

  @ApiPropertyOptional({ example: 5000, description: 'Most orders holding the promotion at once' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  usageLimit?: number;

  @ApiProperty({ example: '2026-11-20T09:00:00Z' })
  @IsInstant()
  definedAt!: string;
}
