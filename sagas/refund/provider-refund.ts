import type { PaymentProvider } from '../../src/payments/payment-provider.port';
import type { SagaEffect } from '../runtime/saga-effect';

/** The name refund-saga commands use for the payment provider. */
export const PAYMENT_PROVIDER_TARGET = 'payment-provider';

/** Money back to the customer's original payment for one return. */
export interface RefundPayment {
  kind: 'RefundPayment';
  orderId: string;
  returnId: string;
  amountMinor: number;
  currency: string;
}

/** Hands RefundPayment to the provider port, the saga step's command id as its idempotency key. */
export function providerRefundEffect(provider: PaymentProvider): SagaEffect {
  return {
    target: PAYMENT_PROVIDER_TARGET,
    async execute(commandId, command) {
      if (command.kind !== 'RefundPayment') throw new Error(`the payment provider takes RefundPayment, not ${command.kind}`);
      const { orderId, returnId, amountMinor, currency } = command as unknown as RefundPayment;
      await provider.refund({ idempotencyKey: commandId, orderId, returnId, amountMinor, currency });
    },
  };
}
