import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsBoundedList, IsCurrencyCode, IsEntityId, IsInstant, IsMinorUnits, IsNestedObject, IsRate } from '../../edge/field-rules';
import { MAX_LINES, MAX_TENDERS } from '../../order/order-limits';

/**
 * The documented POS transaction format: one completed sale at a register (README "POS
 * transactions"). Its lists and nested objects follow the shared rules (field-rules), so a list
 * over its bound is refused before its items are read, and `lines: [[]]` or `tax: []` is a 400
 * naming the field, not a sale that does not add up.
 */

/** README "Limits": the discounts one register line may carry. */
export const MAX_POS_LINE_DISCOUNTS = 20;

export class PosDiscountDto {
  @ApiProperty({ example: 'promo-save10' })
  @IsEntityId()
  promotionId!: string;

  @ApiProperty({ description: 'This line’s share of the discount, minor units.', example: 571 })
  @IsMinorUnits(1)
  amountMinor!: number;

  @ApiPropertyOptional({ description: 'Vendor funding the discount; omitted: the retailer.', example: 'acme' })
  @IsOptional()
  @IsEntityId()
  vendorId?: string;
}

export class PosTaxDto {
  @ApiProperty({ example: '8%' })
  @IsRate()
  rate!: string;

  @ApiProperty({ description: 'Tax as the register computed it, minor units.', example: 434 })
  @IsMinorUnits(0)
  amountMinor!: number;
}

export class PosLineDto {
  @ApiProperty({ example: '1' })
  @IsEntityId()
  lineNo!: string;

  @ApiProperty({ example: 'TEE-RED-M' })
  @IsEntityId()
  sku!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;

  @ApiProperty({ example: 3000 })
  @IsMinorUnits(0)
  unitPriceMinor!: number;

  @ApiPropertyOptional({ description: 'The tax is inside unitPriceMinor (VAT).' })
  @IsOptional()
  @IsBoolean()
  taxIncluded?: boolean;

  @ApiPropertyOptional({ type: PosTaxDto })
  @IsNestedObject(() => PosTaxDto, { optional: true })
  tax?: PosTaxDto;

  @ApiPropertyOptional({ type: [PosDiscountDto], maxItems: MAX_POS_LINE_DISCOUNTS })
  @IsBoundedList({ max: MAX_POS_LINE_DISCOUNTS }, () => PosDiscountDto, { optional: true })
  discounts?: PosDiscountDto[];
}

export class PosTenderDto {
  @ApiProperty({ enum: ['cash', 'card', 'gift_card', 'other'] })
  @IsIn(['cash', 'card', 'gift_card', 'other'])
  kind!: 'cash' | 'card' | 'gift_card' | 'other';

  @ApiProperty({ description: 'Amount kept, after change given, minor units.', example: 10519 })
  @IsMinorUnits(1)
  amountMinor!: number;

  @ApiPropertyOptional({ description: 'Card authorization code or gift card number (last digits).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x20-\x7E]*$/)
  reference?: string;
}

export class PosTransactionDto {
  @ApiProperty({ description: 'The POS channel this register belongs to (API-key scope channel:<name>:write).', example: 'pos' })
  @IsEntityId()
  channel!: string;

  @ApiProperty({ example: 'S001-R02-000123' })
  @IsEntityId()
  transactionId!: string;

  @ApiProperty({ example: 'S001' })
  @IsEntityId()
  storeId!: string;

  @ApiProperty({ example: 'R02' })
  @IsEntityId()
  registerId!: string;

  @ApiProperty({ example: 'US01' })
  @IsEntityId()
  companyCode!: string;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ example: '2026-11-27T15:04:05Z' })
  @IsInstant()
  completedAt!: string;

  @ApiProperty({ type: [PosLineDto], minItems: 1, maxItems: MAX_LINES })
  @IsBoundedList({ min: 1, max: MAX_LINES }, () => PosLineDto)
  lines!: PosLineDto[];

  @ApiProperty({ type: [PosTenderDto], minItems: 1, maxItems: MAX_TENDERS })
  @IsBoundedList({ min: 1, max: MAX_TENDERS }, () => PosTenderDto)
  tenders!: PosTenderDto[];

  @ApiProperty({ description: 'What the customer paid: lines - discounts + tax (unless included).', example: 10519 })
  @IsMinorUnits(0)
  totalMinor!: number;
}
