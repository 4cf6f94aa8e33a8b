import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsBoundedList, IsCalendarDate, IsCompanyCode, IsCurrencyCode, IsEntityId, IsMinorUnits, IsNestedObject } from '../../edge/field-rules';
import type { BalanceTransactionType } from '../settlement.commands';

const TRANSACTION_TYPES: BalanceTransactionType[] = ['charge', 'refund', 'fee', 'chargeback', 'dispute_won', 'dispute_lost', 'adjustment'];

/**
 * Most transactions one payout report may carry (README "Limits"): at 10,000, validating a report
 * alone held the event loop for about a quarter of a second.
 */
export const MAX_REPORT_TRANSACTIONS = 2_000;

export const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** What the provider says the money belongs to: the order and its capture or refund, when it says. */
export class TransactionSourceDto {
  @ApiPropertyOptional({ example: 'order-1001' })
  @IsOptional()
  @IsEntityId()
  orderId?: string;

  @ApiPropertyOptional({ example: 'cap-1001' })
  @IsOptional()
  @IsEntityId()
  captureId?: string;

  @ApiPropertyOptional({ example: 're-1001' })
  @IsOptional()
  @IsEntityId()
  refundId?: string;
}

/**
 * One balance transaction, shaped like a payment provider's (Stripe's `balance_transaction`):
 * amounts in whole minor units, money in positive, money out negative, `net = amount - fee`.
 */
export class BalanceTransactionDto {
  @ApiProperty({ example: 'txn_3QxY1001' })
  @IsEntityId()
  id!: string;

  @ApiProperty({ enum: TRANSACTION_TYPES })
  @IsIn(TRANSACTION_TYPES)
  type!: BalanceTransactionType;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ example: 10519, description: 'Gross amount, signed' })
  @IsMinorUnits()
  amount!: number;

  @ApiProperty({ example: 335, description: 'What the provider kept from this transaction' })
  @IsMinorUnits()
  fee!: number;

  @ApiProperty({ example: 10184, description: 'amount - fee: what reached the payout' })
  @IsMinorUnits()
  net!: number;

  @ApiPropertyOptional({ type: TransactionSourceDto })
  @IsNestedObject(() => TransactionSourceDto, { optional: true })
  source?: TransactionSourceDto;
}

/** A provider's payout and the balance transactions it pays out: `POST /settlements`, gRPC `ReportSettlement`. */
export class ReportSettlementDto {
  @ApiProperty({ example: 'stripe', description: 'Payout ids are unique per provider' })
  @Matches(PROVIDER, { message: 'provider must be 1-64 letters, digits, _ or -' })
  provider!: string;

  @ApiProperty({ example: 'po_1QxY2026113001' })
  @IsEntityId()
  payoutId!: string;

  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ example: 10184, description: 'What reached the bank, in minor units' })
  @IsMinorUnits()
  payoutAmount!: number;

  @ApiProperty({ example: '2026-11-30', description: 'The day the payout reaches the bank: the posting date' })
  @IsCalendarDate()
  payoutDate!: string;

  @ApiProperty({ type: [BalanceTransactionDto], maxItems: MAX_REPORT_TRANSACTIONS })
  @IsBoundedList({ min: 1, max: MAX_REPORT_TRANSACTIONS }, () => BalanceTransactionDto)
  transactions!: BalanceTransactionDto[];
}
