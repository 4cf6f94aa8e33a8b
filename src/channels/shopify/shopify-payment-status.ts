import type { ShopifyOrder } from './shopify-order';

/** Statuses that say the order's total was captured (refunds come later and do not undo the capture). */
const CAPTURED = new Set(['paid', 'partially_refunded', 'refunded']);

/**
 * What an order body's `financial_status` says was paid, without naming transactions:
 * `authorized` holds the total; `paid` (and the refunded statuses after it) captured it;
 * `partially_paid` captured the total less `total_outstanding`. `pending`, `voided`, `expired`
 * or an unknown status claim nothing.
 */
export function paymentClaim(order: ShopifyOrder): { status: string; authorizedMinor: number; capturedMinor: number } | undefined {
  const status = order.financialStatus;
  const total = order.totals.totalMinor;
  if (status === undefined || total <= 0) return undefined;
  if (status === 'authorized') return { status, authorizedMinor: total, capturedMinor: 0 };
  if (CAPTURED.has(status)) return { status, authorizedMinor: total, capturedMinor: total };
  if (status === 'partially_paid' && order.totals.outstandingMinor !== undefined && order.totals.outstandingMinor < total) {
    const paid = total - order.totals.outstandingMinor;
    return { status, authorizedMinor: paid, capturedMinor: paid };
  }
  return undefined;
}
