import type { GiftCardEvent } from '../../gift-card/gift-card.events';
import { withCompanyCode } from './company-code';
import { journalEntry, type Posting } from './journal-entry';
import { postingDateOf, lineageOf, type Recorded } from './posting-source';

export type RecordedGiftCardEvent = Recorded<GiftCardEvent>;

/**
 * DESIGN.md's gift card sale: the money received becomes a liability to the card holder. Card
 * money waits in psp.clearing for the provider's payout, as an order's capture does; cash goes
 * into the register and leaves it through the register close, as cash sales do. Redemption is
 * an order tender (liability.gift-card into the customer deposit), so it posts with the order.
 */
export function postGiftCardEvent(event: RecordedGiftCardEvent): Posting[] {
  const sale = event.data;
  const postingDate = postingDateOf(sale.soldAt);
  return withCompanyCode(event, sale.companyCode, postingDate, (companyCode) => {
    const received = sale.tender.kind === 'cash' ? 'cash.register-clearing' : 'psp.clearing';
    const reference = sale.giftCardId;
    const header = {
      kind: 'gift-card-sold' as const,
      sourceType: 'gift-card' as const,
      sourceId: sale.giftCardId,
      companyCode,
      currency: sale.currency,
      postingDate,
      lineage: lineageOf(event, sale),
    };
    return [
      journalEntry(header, [
        // The payment's own reference, when there is one, is what the provider's payout will name.
        { role: received, side: 'debit', amountMinor: sale.amountMinor, reference: sale.tender.reference ?? reference },
        { role: 'liability.gift-card', side: 'credit', amountMinor: sale.amountMinor, reference },
      ]),
    ];
  });
}
