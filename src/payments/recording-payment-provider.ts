import type { PaymentProvider, ProviderRefundReceipt, ProviderRefundRequest } from './payment-provider.port';

/**
 * A payment provider that moves no money: it records every call and answers a repeated
 * idempotency key with its first receipt, as a real provider does. Tests use it to see what
 * was asked and how often; `failNext` makes the next calls fail as an outage would.
 */
export class RecordingPaymentProvider implements PaymentProvider {
  /** Every call, repeats included, in arrival order. */
  readonly calls: ProviderRefundRequest[] = [];
  private readonly receipts = new Map<string, { request: ProviderRefundRequest; receipt: ProviderRefundReceipt }>();
  private failures = 0;

  async refund(request: ProviderRefundRequest): Promise<ProviderRefundReceipt> {
    this.calls.push(request);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('payment provider unavailable');
    }
    const known = this.receipts.get(request.idempotencyKey);
    if (known) return known.receipt;
    const receipt = { providerRefundId: `psp-refund-${this.receipts.size + 1}` };
    this.receipts.set(request.idempotencyKey, { request, receipt });
    return receipt;
  }

  /** The refunds that actually moved money: one per idempotency key. */
  refunds(): ProviderRefundRequest[] {
    return [...this.receipts.values()].map(({ request }) => request);
  }

  failNext(calls: number): void {
    this.failures = calls;
  }
}
