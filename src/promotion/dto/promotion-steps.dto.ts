import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { CHANNEL_NAME } from '../../access/scopes';
import { IsEntityId, IsInstant, IsLabel, IsMinorUnits, IsNestedObject, OnlyWhen } from '../../edge/field-rules';
import { MoneyDto } from './define-promotion.dto';

// HTTP names the promotion (and a released order) in the path; the gRPC messages carry them
// as fields, so each gRPC DTO is its HTTP body plus those ids.

export class ActivationDto {
  @ApiProperty({ example: '2026-11-26T00:00:00Z', description: 'When it takes effect (ahead of the window schedules it)' })
  @IsInstant()
  at!: string;
}

export class DeactivationDto extends ActivationDto {
  @ApiPropertyOptional({ example: 'stock ran out' })
  @IsOptional()
  @IsLabel(500)
  reason?: string;
}

/** A channel's answer to publishing the promotion to it. */
export class PublicationDto extends ActivationDto {
  @ApiProperty({ example: 'shopify-eu' })
  @Matches(CHANNEL_NAME, { message: 'channel must name a channel (letters, digits, . _ -)' })
  channel!: string;

  @ApiProperty({ enum: ['published', 'failed'] })
  @IsIn(['published', 'failed'])
  status!: 'published' | 'failed';

  @ApiPropertyOptional({ example: 'discount code already exists in Shopify', description: 'Required when failed' })
  @ValidateIf((o: PublicationDto) => o.status === 'failed' || o.reason != null)
  @OnlyWhen((o: PublicationDto) => o.status === 'failed', 'failed publications')
  @IsLabel(500)
  reason?: string;
}

/** The discount the promotion gave on one order, in total over its lines. */
export class ApplicationDto extends ActivationDto {
  @ApiProperty({ example: 'order-1' })
  @IsEntityId()
  orderId!: string;

  @ApiProperty({ type: MoneyDto })
  @IsNestedObject(() => MoneyDto)
  amount!: MoneyDto;
}

/** The part of an order's discount taken back because units were returned. */
export class ClawbackDto extends ActivationDto {
  @ApiProperty({ example: 'order-1' })
  @IsEntityId()
  orderId!: string;

  @ApiProperty({ example: 'return-1' })
  @IsEntityId()
  returnId!: string;

  @ApiProperty({ example: 500, description: 'Whole minor units, above 0' })
  @IsMinorUnits(1)
  amountMinor!: number;
}

export class PromotionRefDto {
  @IsEntityId()
  promotionId!: string;
}

export class GrpcActivationDto extends ActivationDto {
  @IsEntityId()
  promotionId!: string;
}

export class GrpcDeactivationDto extends DeactivationDto {
  @IsEntityId()
  promotionId!: string;
}

export class GrpcPublicationDto extends PublicationDto {
  @IsEntityId()
  promotionId!: string;
}

export class GrpcApplicationDto extends ApplicationDto {
  @IsEntityId()
  promotionId!: string;
}

export class GrpcReleaseDto extends ActivationDto {
  @IsEntityId()
  promotionId!: string;

  @IsEntityId()
  orderId!: string;
}

export class GrpcClawbackDto extends ClawbackDto {
  @IsEntityId()
  promotionId!: string;
}
