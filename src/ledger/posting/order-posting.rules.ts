import type { PickupConfirmed, ShipmentConfirmed, Tender } from '../../order/order.events';
import type { AccountRole } from './account-roles';
import type { DraftLine, Posting } from './journal-entry';
import { entryIdOf, journalEntry } from './journal-entry';
import type { PostingReferenceData } from './posting-reference-data';
import type { RevenueRoleMissing, RevenueRoleOf } from './revenue-roles';
import { atStoreLocation } from './store-location';
import { discountLines, payableTaxMinor, vendorClaimLines } from './posting-amounts';
import { entryHeader, lineageOf, type OrderContext, orderContextOf, postingDateOf, type RecordedOrderEvent } from './posting-source';

/**
 * DESIGN.md's default posting rules for order events, as pure functions: the same event and
 * order context always give the same entries, ids included.
 *
 * Events that move no money in the ledger post nothing: authorizations and their voids (a
 * hold is not a transfer), inventory, return requests (nothing is owed until goods are
 * received) and cancellation (the money goes back through RefundIssued).
 *
 * Reference data (`referenceData`) splits recognized revenue by each SKU's revenue role (without
 * it every sale is `revenue.merchandise`) and gives a store's entries its cost objects.
 */
export function postOrderEvent(event: RecordedOrderEvent, known: OrderContext | undefined, referenceData: PostingReferenceData = {}): Posting[] {
  const order = event.type === 'OrderPlaced' ? orderContextOf(event.data) : known;
  return order ? atStoreLocation(postKnownOrderEvent(event, order, referenceData.revenueRoleOf), order.locationId, referenceData.storeLocationOf) : postOrderEventWithout(event);
}

/** An order fact whose OrderPlaced was not seen. */
function postOrderEventWithout(event: RecordedOrderEvent): Posting[] {
  const postedAt = postingTimeOf(event);
  // Without its order a fact that never posts has nothing to refuse; one that posts is refused.
  if (postedAt === undefined) return [];
  return [
    {
      ok: false,
      error: {
        entryId: `${event.eventId}/unknown`,
        kind: 'unknown',
        reason: 'unknown-order',
        // The company that books the order is in the missing OrderPlaced; the day is the fact's own.
        companyCode: null,
        postingDate: postingDateOf(postedAt),
        message: `${event.type} on ${event.streamId} arrived before any OrderPlaced`,
        imbalances: [],
        lineage: lineageOf(event, undefined),
      },
    },
  ];
}

function postKnownOrderEvent(event: RecordedOrderEvent, order: OrderContext, revenueRoleOf: RevenueRoleOf | undefined): Posting[] {
  switch (event.type) {
    case 'OrderPlaced':
      return tendersReceived(event, order, event.data.tenders, event.data.placedAt);
    case 'PaymentCaptured': {
      const { amountMinor, captureId, currency, at } = event.data;
      return [
        journalEntry(entryHeader(event, order, 'payment-captured', at, currency), [
          { role: 'psp.clearing', side: 'debit', amountMinor, reference: captureId },
          { role: 'liability.customer-deposits', side: 'credit', amountMinor, reference: captureId },
        ]),
      ];
    }
    case 'ShipmentConfirmed':
      return controlPassed(event, order, event.data.shipmentId, event.data.shippedAt, event.data.amounts, revenueRoleOf);
    case 'PickupConfirmed':
      return controlPassed(event, order, event.data.pickupId, event.data.at, event.data.amounts, revenueRoleOf);
    case 'ReturnReceived':
      return returnReceived(event, order);
    case 'RefundIssued': {
      const { amountMinor, refundId, currency, at, returnId } = event.data;
      // A refund for a received return pays what the return made payable; one without a return
      // (a cancelled order, say) gives back a deposit that was never earned.
      const from = returnId !== undefined ? 'liability.refunds-payable' : 'liability.customer-deposits';
      return [
        journalEntry(entryHeader(event, order, 'refund-paid', at, currency), [
          { role: from, side: 'debit', amountMinor, reference: refundId },
          { role: 'psp.clearing', side: 'credit', amountMinor, reference: refundId },
        ]),
      ];
    }
    default:
      return [];
  }
}

/** Whether an order fact can post at all: the others post nothing, whatever their order (see postOrderEvent). */
export function orderEventPosts(event: RecordedOrderEvent): boolean {
  return postingTimeOf(event) !== undefined;
}

/** The business time an order fact posts on; undefined for the facts that never post (see postOrderEvent). */
function postingTimeOf(event: RecordedOrderEvent): string | undefined {
  switch (event.type) {
    case 'OrderPlaced':
      return event.data.placedAt;
    case 'PaymentCaptured':
    case 'PickupConfirmed':
    case 'ReturnReceived':
    case 'RefundIssued':
      return event.data.at;
    case 'ShipmentConfirmed':
      return event.data.shippedAt;
    default:
      return undefined;
  }
}

/**
 * Money taken outside the payment provider joins the customer's deposit when the order is
 * placed: a gift card redemption spends the card's liability, cash sits in the register until
 * the register close clears it. Revenue recognition then needs one rule whatever the tender.
 */
function tendersReceived(event: RecordedOrderEvent, order: OrderContext, tenders: readonly Tender[], at: string): Posting[] {
  const from = { gift_card: 'liability.gift-card', cash: 'cash.register-clearing' } as const;
  const drafts = tenders.flatMap((tender): DraftLine[] => {
    if (tender.kind !== 'gift_card' && tender.kind !== 'cash') return [];
    const reference = tender.reference !== undefined ? { reference: tender.reference } : {};
    return [
      { role: from[tender.kind], side: 'debit', amountMinor: tender.amountMinor, ...reference },
      { role: 'liability.customer-deposits', side: 'credit', amountMinor: tender.amountMinor, ...reference },
    ];
  });
  return drafts.length === 0 ? [] : [journalEntry(entryHeader(event, order, 'tender-received', at), drafts)];
}

type Fulfilled = (ShipmentConfirmed | PickupConfirmed)['data']['amounts'];

/** Revenue when control passes: each shipment or pickup posts its own units (and shipping, on the first). */
function controlPassed(event: RecordedOrderEvent, order: OrderContext, reference: string, at: string, amounts: Fulfilled, revenueRoleOf: RevenueRoleOf | undefined): Posting[] {
  const { totals } = amounts;
  const split = revenueByRole(amounts, postingDateOf(at), revenueRoleOf);
  const header = entryHeader(event, order, 'revenue-recognized', at, amounts.currency);
  if ('missing' in split) {
    const error = { entryId: entryIdOf(event.eventId, 'revenue-recognized'), kind: 'revenue-recognized' as const, reason: 'reference-data-missing' as const };
    return [
      {
        ok: false,
        error: {
          ...error,
          companyCode: header.companyCode,
          postingDate: header.postingDate,
          message: split.missing,
          imbalances: [],
          lineage: header.lineage,
          awaiting: split.awaiting,
        },
      },
    ];
  }
  const revenue = journalEntry(split.version === undefined ? header : { ...header, referenceDataVersion: split.version }, [
    { role: 'liability.customer-deposits', side: 'debit', amountMinor: totals.totalMinor, reference },
    ...discountLines(amounts, 'debit'),
    ...split.lines.map(({ role, amountMinor }): DraftLine => ({ role, side: 'credit', amountMinor, reference })),
    { role: 'revenue.shipping', side: 'credit', amountMinor: totals.shippingMinor, reference },
    { role: 'tax.payable', side: 'credit', amountMinor: payableTaxMinor(amounts), reference },
    { role: 'tax.channel-remitted', side: 'credit', amountMinor: totals.channelRemittedTaxMinor, reference },
  ]);
  const claims = vendorClaimLines(amounts, 'claim');
  return claims.length === 0 ? [revenue] : [revenue, journalEntry(entryHeader(event, order, 'vendor-claim', at, amounts.currency), claims)];
}

/**
 * Recognized revenue by role: all `revenue.merchandise` without reference data (one line, as
 * before), else each line's units to its SKU's role on the day, roles in the order the lines
 * first name them, with the newest mapping version used.
 */
function revenueByRole(
  amounts: Fulfilled,
  day: string,
  revenueRoleOf: RevenueRoleOf | undefined,
): { lines: Array<{ role: AccountRole; amountMinor: number }>; version?: number } | RevenueRoleMissing {
  if (!revenueRoleOf) return { lines: [{ role: 'revenue.merchandise', amountMinor: amounts.totals.revenueMinor }] };
  const byRole = new Map<AccountRole, number>();
  let version: number | undefined;
  for (const line of amounts.lines) {
    const found = revenueRoleOf(line.sku, day);
    if ('missing' in found) return found;
    byRole.set(found.role, (byRole.get(found.role) ?? 0) + line.revenueMinor);
    if (found.version !== undefined) version = Math.max(version ?? 0, found.version);
  }
  const lines = [...byRole].map(([role, amountMinor]) => ({ role, amountMinor }));
  return version === undefined ? { lines } : { lines, version };
}

/**
 * A received return gives back what its units posted: revenue, tax and discounts (the
 * clawback), and makes the difference payable to the customer. The vendor's share of the
 * returned units' discount is no longer claimable, so that claim is reversed pro rata.
 */
function returnReceived(event: RecordedOrderEvent & { type: 'ReturnReceived' }, order: OrderContext): Posting[] {
  const { amounts, returnId, at } = event.data;
  const { totals } = amounts;
  const reference = returnId;
  const back = journalEntry(entryHeader(event, order, 'return-received', at, amounts.currency), [
    { role: 'revenue.returns', side: 'debit', amountMinor: totals.revenueMinor, reference },
    { role: 'revenue.shipping', side: 'debit', amountMinor: totals.shippingMinor, reference },
    { role: 'tax.payable', side: 'debit', amountMinor: payableTaxMinor(amounts), reference },
    { role: 'tax.channel-remitted', side: 'debit', amountMinor: totals.channelRemittedTaxMinor, reference },
    ...discountLines(amounts, 'credit'),
    { role: 'liability.refunds-payable', side: 'credit', amountMinor: totals.totalMinor, reference },
  ]);
  const reversals = vendorClaimLines(amounts, 'reverse');
  return reversals.length === 0 ? [back] : [back, journalEntry(entryHeader(event, order, 'vendor-claim-reversal', at, amounts.currency), reversals)];
}
