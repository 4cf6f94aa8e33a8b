import { registerCloseId } from '../../settlement/register-close/register-close.aggregate';
import type { RegisterCloseEvent } from '../../settlement/register-close/register-close.events';
import { withCompanyCode } from './company-code';
import { journalEntry, type Posting } from './journal-entry';
import { lineageOf, postingDateOf, type Recorded } from './posting-source';
import type { PostingReferenceData } from './posting-reference-data';
import { signedLine } from './signed-line';
import { atStoreLocation } from './store-location';

export type RecordedRegisterCloseEvent = Recorded<RegisterCloseEvent>;

/**
 * The tender the order rules put into cash.register-clearing (POS and canonical `cash`). The
 * register close also counts card batches and gift cards, but their money reached the ledger
 * through psp.clearing and liability.gift-card already: clearing them here would post it twice.
 */
const REGISTER_CASH = 'cash';

/**
 * DESIGN.md's register close: the counted cash goes on its way to the bank
 * (cash.deposit-in-transit), what the register expected leaves cash.register-clearing, and the
 * difference is cash over/short: a debit when short, a credit when over. Posted on the
 * store's business date, not the moment of the count. The entry carries the store's cost objects
 * once reference data governs locations (`atStoreLocation`).
 */
export function postRegisterCloseEvent(event: RecordedRegisterCloseEvent, referenceData: PostingReferenceData = {}): Posting[] {
  const close = event.data;
  const postingDate = postingDateOf(close.businessDate);
  const posted = withCompanyCode(event, close.companyCode, postingDate, (companyCode) => {
    // A register that took no cash (or a drawer counted empty as expected) has nothing to clear.
    const cash = close.tenders.filter((t) => t.tender === REGISTER_CASH && (t.expectedMinor !== 0 || t.countedMinor !== 0));
    if (cash.length === 0) return [];
    const header = {
      kind: 'register-close' as const,
      sourceType: 'register-close' as const,
      sourceId: registerCloseId(close),
      companyCode,
      currency: close.currency,
      postingDate,
      lineage: lineageOf(event, undefined),
    };
    return [
      journalEntry(
        header,
        cash.flatMap((t) => {
          const details = { reference: t.tender };
          return [
            signedLine('cash.deposit-in-transit', t.countedMinor, details),
            signedLine('expense.cash-over-short', t.expectedMinor - t.countedMinor, details),
            signedLine('cash.register-clearing', -t.expectedMinor, details),
          ];
        }),
      ),
    ];
  });
  return atStoreLocation(posted, close.storeId, referenceData.storeLocationOf);
}
