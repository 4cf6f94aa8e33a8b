import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import type { PaymentProvider, ProviderRefundReceipt } from './payment-provider.port';

/** The reason code a refund parks with while no provider is configured. */
export const PAYMENT_PROVIDER_NOT_CONFIGURED = 'PAYMENT_PROVIDER_NOT_CONFIGURED';

/**
 * The default until a provider adapter is configured. It would answer the same on every try,
 * so it refuses (a refusal is not retried): the refund parks at once with a reason that says
 * what to do, and a retry after configuring a provider pays it once.
 */
export class UnconfiguredPaymentProvider implements PaymentProvider {
  async refund(): Promise<ProviderRefundReceipt> {
    throw new BusinessRuleRefusal(PAYMENT_PROVIDER_NOT_CONFIGURED, 'no payment provider is configured (PAYMENT_PROVIDER=none): configure one, restart, then retry this instance');
  }
}
