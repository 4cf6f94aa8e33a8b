import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CHANNEL_NAME } from '../../access/scopes';
import { IsCompanyCode, IsEntityId, IsInstant, IsMinorUnits } from '../../edge/field-rules';
import { ChoiceField, CurrencyField, ObjectField, ReferenceField } from '../../order/dto/order-fields';
import type { GiftCardTenderKind } from '../gift-card.commands';

const TENDER_KINDS: readonly GiftCardTenderKind[] = ['card', 'cash'];

export class GiftCardTenderDto {
  @ChoiceField('kind', TENDER_KINDS, { description: 'card: through the payment provider; cash: into the register.', example: 'card' })
  kind!: GiftCardTenderKind;

  @ReferenceField('reference', 128, { description: "The payment provider's reference (never a card number).", optional: true, example: 'pi_gc_1' })
  reference?: string;
}

/** A sold gift card: `POST /gift-cards`, gRPC `SellGiftCard`. */
export class SellGiftCardDto {
  @ApiProperty({ example: 'gc-77', description: 'The card id; orders redeem it as a gift_card tender with this reference' })
  @IsEntityId()
  giftCardId!: string;

  @ApiProperty({ example: 'web', description: 'The selling channel; the API key needs channel:<channel>:write' })
  @Matches(CHANNEL_NAME, { message: 'channel must name a channel (letters, digits, . _ -)' })
  channel!: string;

  @IsCompanyCode()
  companyCode!: string;

  @CurrencyField()
  currency!: string;

  @ApiProperty({ example: 5000, description: 'The value loaded, minor units (more than 0)' })
  @IsMinorUnits(0)
  amountMinor!: number;

  @ObjectField('tender', () => GiftCardTenderDto, { description: 'How the card was paid for.' })
  tender!: GiftCardTenderDto;

  @ApiProperty({ example: '2026-11-27T09:30:00Z', description: 'When it was sold: the posting date' })
  @IsInstant()
  soldAt!: string;

  @ReferenceField('sourceRef', 512, { description: "Where the channel's raw payload is kept, for lineage.", example: 'payload://web/gc-77' })
  sourceRef!: string;
}

export class GiftCardRefDto {
  @IsEntityId()
  giftCardId!: string;
}
