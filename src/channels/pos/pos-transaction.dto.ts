import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsCurrencyCode, IsEntityId, IsInstant, IsRate, MAX_MINOR_UNITS } from '../../edge/field-rules';

/** The documented POS transaction format: one completed sale at a register (README "POS transactions"). */

export class PosDiscountDto {
  @ApiProperty({ example: 'promo-save10' }) @IsEntityId()
  promotionId!: string;

  @ApiProperty({ description: 'This line’s share of the discount, minor units.', example: 571 }) @IsInt() @Min(1) @Max(MAX_MINOR_UNITS)
  amountMinor!: number;

  @ApiPropertyOptional({ description: 'Vendor funding the discount; omitted: the retailer.', example: 'acme' }) @IsOptional() @IsEntityId()
  vendorId?: string;
}

export class PosTaxDto {
  @ApiProperty({ example: '8%' }) @IsRate()
  rate!: string;

  @ApiProperty({ description: 'Tax as the register computed it, minor units.', example: 434 }) @IsInt() @Min(0) @Max(MAX_MINOR_UNITS)
  amountMinor!: number;
}

export class PosLineDto {
  @ApiProperty({ example: '1' }) @IsEntityId()
  lineNo!: string;

  @ApiProperty({ example: 'TEE-RED-M' }) @IsEntityId()
  sku!: string;

  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(10_000)
  quantity!: number;

  @ApiProperty({ example: 3000 }) @IsInt() @Min(0) @Max(MAX_MINOR_UNITS)
  unitPriceMinor!: number;

  @ApiPropertyOptional({ description: 'The tax is inside unitPriceMinor (VAT).' }) @IsOptional() @IsBoolean()
  taxIncluded?: boolean;

  @ApiPropertyOptional({ type: PosTaxDto }) @IsOptional() @ValidateNested() @Type(() => PosTaxDto)
  tax?: PosTaxDto;

  @ApiPropertyOptional({ type: [PosDiscountDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PosDiscountDto)
  discounts?: PosDiscountDto[];
}

export class PosTenderDto {
  @ApiProperty({ enum: ['cash', 'card', 'gift_card', 'other'] }) @IsIn(['cash', 'card', 'gift_card', 'other'])
  kind!: 'cash' | 'card' | 'gift_card' | 'other';

  @ApiProperty({ description: 'Amount kept, after change given, minor units.', example: 10519 }) @IsInt() @Min(1) @Max(MAX_MINOR_UNITS)
  amountMinor!: number;

  @ApiPropertyOptional({ description: 'Card authorization code or gift card number (last digits).' }) @IsOptional() @IsString() @MaxLength(64) @Matches(/^[\x20-\x7E]*$/)
  reference?: string;
}

export class PosTransactionDto {
  @ApiProperty({ description: 'The POS channel this register belongs to (API-key scope channel:<name>:write).', example: 'pos' }) @IsEntityId()
  channel!: string;

  @ApiProperty({ example: 'S001-R02-000123' }) @IsEntityId()
  transactionId!: string;

  @ApiProperty({ example: 'S001' }) @IsEntityId()
  storeId!: string;

  @ApiProperty({ example: 'R02' }) @IsEntityId()
  registerId!: string;

  @ApiProperty({ example: 'US01' }) @IsEntityId()
  companyCode!: string;

  @ApiProperty({ example: 'USD' }) @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ example: '2026-11-27T15:04:05Z' }) @IsInstant()
  completedAt!: string;

  @ApiProperty({ type: [PosLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PosLineDto)
  lines!: PosLineDto[];

  @ApiProperty({ type: [PosTenderDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PosTenderDto)
  tenders!: PosTenderDto[];

  @ApiProperty({ description: 'What the customer paid: lines - discounts + tax (unless included).', example: 10519 }) @IsInt() @Min(0) @Max(MAX_MINOR_UNITS)
  totalMinor!: number;
}
