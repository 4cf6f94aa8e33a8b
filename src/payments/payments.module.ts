import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { PAYMENT_PROVIDER } from './payment-provider.port';
import { RecordingPaymentProvider } from './recording-payment-provider';
import { UnconfiguredPaymentProvider } from './unconfigured-payment-provider';

/** The payment provider the refund saga pays refunds through, chosen by PAYMENT_PROVIDER. */
@Global()
@Module({})
export class PaymentsModule {
  static forConfig(config: AppConfig): DynamicModule {
    const provider = config.PAYMENT_PROVIDER === 'simulated' ? new RecordingPaymentProvider() : new UnconfiguredPaymentProvider();
    return { module: PaymentsModule, providers: [{ provide: PAYMENT_PROVIDER, useValue: provider }], exports: [PAYMENT_PROVIDER] };
  }
}
