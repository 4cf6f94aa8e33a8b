import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsEntityId, IsInstant } from '../../edge/field-rules';
import { PROVIDER } from './report-settlement.dto';

/** Ties a reported transaction to an order's capture or refund; who matched it is the API key's name. */
export class MatchTransactionDto {
  @ApiProperty({ example: 'txn_3QxY1002' })
  @IsEntityId()
  transactionId!: string;

  @ApiProperty({ example: 'order-1002' })
  @IsEntityId()
  orderId!: string;

  @ApiPropertyOptional({ example: 'cap-1002' })
  @IsOptional()
  @IsEntityId()
  captureId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntityId()
  refundId?: string;

  @ApiProperty({ example: '2026-12-01T08:00:00Z' })
  @IsInstant()
  at!: string;
}

export class PayoutRefDto {
  @Matches(PROVIDER, { message: 'provider must be 1-64 letters, digits, _ or -' })
  provider!: string;

  @IsEntityId()
  payoutId!: string;
}

export class GrpcMatchTransactionDto extends MatchTransactionDto {
  @Matches(PROVIDER, { message: 'provider must be 1-64 letters, digits, _ or -' })
  provider!: string;

  @IsEntityId()
  payoutId!: string;
}
