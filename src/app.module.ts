import { type DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config/app-config';
import { AuditModule } from '../projections/audit/audit.module';
import { ChannelsModule } from './channels/channels.module';
import { ConfigModule } from './config/config.module';
import { EdgeModule } from './edge/edge.module';
import { ErpDeliveryModule } from '../projections/erp-delivery/erp-delivery.module';
import { EsdbProtocolModule } from './esdb-protocol/esdb-protocol.module';
import { EventStoreModule } from './event-store/event-store.module';
import { GiftCardModule } from './gift-card/gift-card.module';
import { FinanceModule } from '../projections/finance/finance.module';
import { FiscalPeriodsModule } from '../projections/fiscal-periods/fiscal-periods.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './observability/logging.module';
import { ObservabilityModule } from './observability/observability.module';
import { OrderModule } from './order/order.module';
import { PaymentsModule } from './payments/payments.module';
import { PostingBatchesModule } from '../projections/posting-batches/posting-batches.module';
import { ProjectionsModule } from '../projections/host/projections-host.module';
import { PromotionModule } from './promotion/promotion.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { RuntimeModule } from './runtime/runtime.module';
import { SagasModule } from '../sagas/host/sagas.module';
import { OperationsModule } from '../sagas/operations/operations.module';
import { SettlementModule } from './settlement/settlement.module';

export interface AppModuleOptions {
  /**
   * Where JSON log lines go; stdout when omitted. nestjs-pino keeps one root logger per process,
   * built with the first app's destination: a later app in the same process writes there too.
   */
  logDestination?: DestinationStream;
}

/**
 * What each role adds to a node (ROLES); every node has the edge, health and the event store.
 * `api`: the channels' commands and aggregate reads. `sagas`: the process managers and their ops
 * view. `projections`: the read models and the views, batches and audit over them. `delivery`:
 * ERP delivery, which sends from read models of its own node (so its node builds them too).
 */
function roleModules(config: AppConfig): NonNullable<DynamicModule['imports']> {
  const { roles } = config;
  return [
    ...(roles.has('api') ? [ChannelsModule, OrderModule, PromotionModule, SettlementModule, GiftCardModule, ReferenceDataModule] : []),
    ...(roles.has('sagas') ? [PaymentsModule.forConfig(config), SagasModule, OperationsModule] : []),
    ...(roles.has('projections') ? [ProjectionsModule, PostingBatchesModule, FinanceModule, FiscalPeriodsModule, AuditModule] : []),
    ...(roles.has('delivery') ? [ErpDeliveryModule] : []),
  ];
}

@Module({})
export class AppModule {
  static forConfig(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggingModule.forConfig(config, options.logDestination),
        EventStoreModule.forConfig(config),
        ObservabilityModule,
        RuntimeModule,
        EdgeModule,
        HealthModule,
        EsdbProtocolModule.forConfig(config),
        ...roleModules(config),
      ],
    };
  }
}
