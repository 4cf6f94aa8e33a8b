/** A capture or refund recorded on an order. */
export interface OrderPayment {
  kind: 'capture' | 'refund';
  paymentId: string;
  amountMinor: number;
  currency: string;
}

/** What a payout transaction says it belongs to: the provider's references, or a later match. */
export interface TransactionReference {
  type: string;
  orderId?: string;
  captureId?: string;
  refundId?: string;
}

export type UnmatchedReason = 'no-order-reference' | 'capture-not-found' | 'refund-not-found' | 'no-capture-on-order' | 'no-refund-on-order';

export type TransactionMatch =
  | { status: 'matched'; orderId: string; captureId?: string; refundId?: string; orderAmountMinor?: number }
  | { status: 'unmatched'; reason: UnmatchedReason; orderId?: string }
  /** Fees and adjustments are the provider's own money movements: there is no order to match. */
  | { status: 'not-applicable' };

/** Charges and disputes move captured money; refunds move refunded money. */
function paymentKindOf(type: string): OrderPayment['kind'] | undefined {
  if (type === 'charge' || type === 'chargeback' || type === 'dispute_won' || type === 'dispute_lost') return 'capture';
  if (type === 'refund') return 'refund';
  return undefined;
}

/**
 * Matches one transaction to the order's payments. A named capture or refund must exist on
 * that order; with only an order named, the order must have a payment of that kind (and when
 * it has exactly one, that is the one matched).
 */
export function matchTransaction(reference: TransactionReference, payments: readonly OrderPayment[]): TransactionMatch {
  const kind = paymentKindOf(reference.type);
  if (!kind) return { status: 'not-applicable' };
  const { orderId } = reference;
  if (orderId === undefined) return { status: 'unmatched', reason: 'no-order-reference' };
  const candidates = payments.filter((payment) => payment.kind === kind);
  const named = kind === 'capture' ? reference.captureId : reference.refundId;
  const payment = named !== undefined ? candidates.find((p) => p.paymentId === named) : candidates.length === 1 ? candidates[0] : undefined;
  if (named !== undefined && !payment) return { status: 'unmatched', reason: kind === 'capture' ? 'capture-not-found' : 'refund-not-found', orderId };
  if (candidates.length === 0) return { status: 'unmatched', reason: kind === 'capture' ? 'no-capture-on-order' : 'no-refund-on-order', orderId };
  if (!payment) return { status: 'matched', orderId };
  const id = kind === 'capture' ? { captureId: payment.paymentId } : { refundId: payment.paymentId };
  return { status: 'matched', orderId, ...id, orderAmountMinor: payment.amountMinor };
}
