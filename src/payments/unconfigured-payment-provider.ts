import type { PaymentProvider, ProviderRefundReceipt } from './payment-provider.port';

/**
 * The default until a provider adapter is configured: refusing loudly parks the refund with
 * this reason where operators see it, and a retry after configuring one pays it once.
 */
export class UnconfiguredPaymentProvider implements PaymentProvider {
  async refund(): Promise<ProviderRefundReceipt> {
    throw new Error('no payment provider is configured (PAYMENT_PROVIDER=none): the refund waits for an operator');
  }
}
