/** How a gift card was paid for: by card (through the payment provider) or cash at a register. */
export type GiftCardTenderKind = 'card' | 'cash';

export interface GiftCardTender {
  kind: GiftCardTenderKind;
  /** The payment provider's reference for a card payment (never a card number). */
  reference?: string;
}

/** A channel sold a gift card; redeeming it is an order tender (`gift_card`, reference = the card's id). */
export interface SellGiftCard {
  kind: 'SellGiftCard';
  giftCardId: string;
  /** The legal entity that owes the card's value until it is redeemed. */
  companyCode: string;
  currency: string;
  amountMinor: number;
  tender: GiftCardTender;
  channel: string;
  soldAt: string;
  /** Where the channel's raw payload is kept, for lineage. */
  sourceRef: string;
}

export type GiftCardCommand = SellGiftCard;
