import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsBoundedList, IsCalendarDate, IsCompanyCode, IsCurrencyCode, IsEntityId, IsInstant, IsMinorUnits } from '../../../edge/field-rules';

/** Most tenders one register close counts (README "Limits"). */
export const MAX_REGISTER_TENDERS = 100;

export class TenderCountDto {
  @ApiProperty({ example: 'cash', description: 'cash, card, gift-card ... as the POS names its tenders' })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'tender must be 1-64 letters, digits, . _ or -' })
  tender!: string;

  @ApiProperty({ example: 125000, description: 'What the register says the tender should hold, minor units' })
  @IsMinorUnits()
  expectedMinor!: number;

  @ApiProperty({ example: 124750, description: 'What was counted (or the terminal batch totalled)' })
  @IsMinorUnits()
  countedMinor!: number;
}

/** A POS register's end-of-day count: `POST /registers/:storeId/:registerId/closes`. */
export class CloseRegisterDto {
  @ApiProperty({ example: '2026-11-27', description: 'The store’s trading day: the posting date of the over/short' })
  @IsCalendarDate()
  businessDate!: string;

  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ type: [TenderCountDto], maxItems: MAX_REGISTER_TENDERS })
  @IsBoundedList({ min: 1, max: MAX_REGISTER_TENDERS }, () => TenderCountDto)
  tenders!: TenderCountDto[];

  @ApiProperty({ example: '2026-11-27T22:05:00-05:00' })
  @IsInstant()
  closedAt!: string;

  @ApiPropertyOptional({ example: 'cashier-0042', description: 'Who counted' })
  @IsOptional()
  @IsEntityId()
  closedBy?: string;
}

export class GrpcCloseRegisterDto extends CloseRegisterDto {
  @IsEntityId()
  storeId!: string;

  @IsEntityId()
  registerId!: string;
}

export class RegisterDayDto {
  @IsEntityId()
  storeId!: string;

  @IsEntityId()
  registerId!: string;

  @IsCalendarDate()
  businessDate!: string;
}
