import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GiftCardSold } from '../gift-card.events';

export class GiftCardTenderView {
  @ApiProperty({ enum: ['card', 'cash'] }) kind!: 'card' | 'cash';
  @ApiPropertyOptional() reference?: string;
}

/** The sale as recorded; redemptions are on the orders that used the card. */
export class GiftCardView {
  @ApiProperty() id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() giftCardId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'The value loaded, minor units' }) amountMinor!: number;
  @ApiProperty({ type: GiftCardTenderView }) tender!: GiftCardTenderView;
  @ApiProperty() channel!: string;
  @ApiProperty() soldAt!: string;
  @ApiProperty() sourceRef!: string;
}

export function giftCardView(sold: GiftCardSold['data'], revision: number): GiftCardView {
  return { id: sold.giftCardId, revision, ...sold, tender: { ...sold.tender } };
}
