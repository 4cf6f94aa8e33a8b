import type { CurrencyCode } from '../money';
import type { GiftCardTender } from './gift-card.commands';

/** A card now holds `amountMinor` of the customer's money: a liability until redeemed. */
export type GiftCardSold = {
  type: 'GiftCardSold';
  data: {
    giftCardId: string;
    companyCode: string;
    currency: CurrencyCode;
    amountMinor: number;
    tender: GiftCardTender;
    channel: string;
    soldAt: string;
    sourceRef: string;
  };
};

export type GiftCardEvent = GiftCardSold;
