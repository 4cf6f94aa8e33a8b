import { isCurrencyCode, isMinorUnits } from '../money';
import { instantMs } from '../time/instant';
import type { GiftCardCommand } from './gift-card.commands';
import type { GiftCardEvent } from './gift-card.events';
import type { GiftCardState } from './gift-card.evolve';
import { refuse } from './gift-card.refusals';

/**
 * A card is sold once: selling the same id again would issue a second liability for one card.
 * A retry of the same command gets its first answer from the runtime, not a refusal.
 */
export function decideGiftCard(command: GiftCardCommand, state: GiftCardState): GiftCardEvent[] {
  const { giftCardId, companyCode, currency, amountMinor, tender, channel, soldAt, sourceRef } = command;
  if (state.sold) refuse('GIFT_CARD_ALREADY_SOLD', `gift card ${giftCardId} was already sold`, { giftCardId, soldAt: state.sold.soldAt });
  if (!isCurrencyCode(currency)) refuse('INVALID_CURRENCY', `${JSON.stringify(currency)} is not an ISO 4217 currency`);
  if (!isMinorUnits(amountMinor, 1)) {
    refuse('INVALID_AMOUNT', 'a gift card is sold for a positive whole number of minor units, at most 10^12', { amountMinor });
  }
  if (instantMs(soldAt) === undefined) refuse('INVALID_TIMESTAMP', `soldAt ${JSON.stringify(soldAt)} is not an ISO timestamp with an offset`);
  return [
    {
      type: 'GiftCardSold',
      data: {
        giftCardId,
        companyCode,
        currency,
        amountMinor,
        tender: { kind: tender.kind, ...(tender.reference !== undefined && { reference: tender.reference }) },
        channel,
        soldAt,
        sourceRef,
      },
    },
  ];
}
