/** Money back to the customer's original payment, as the refund saga asks for it. */
export interface ProviderRefundRequest {
  /** The saga step's command id: the same request after a retry or a restart carries the same key. */
  idempotencyKey: string;
  orderId: string;
  returnId: string;
  amountMinor: number;
  currency: string;
}

export interface ProviderRefundReceipt {
  /** The provider's reference for the refund. */
  providerRefundId: string;
}

/**
 * The payment provider (PSP) as the refund saga sees it. Adapters must honour the idempotency
 * key: a second call with a key already answered returns the first receipt and moves no money.
 * A throw means "not done, try again": the saga retries with backoff, then parks. A
 * `BusinessRuleRefusal` means every try would be answered the same: the saga parks at once
 * with its code.
 */
export interface PaymentProvider {
  refund(request: ProviderRefundRequest): Promise<ProviderRefundReceipt>;
}

export const PAYMENT_PROVIDER = Symbol('PaymentProvider');
