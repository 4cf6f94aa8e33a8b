import { Module } from '@nestjs/common';
import { loadChartOfAccounts } from '../../projections/chart-of-accounts/chart-of-accounts.file';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FinanceGrpcController } from './finance.grpc';
import { FinanceHttpController } from './finance.http';
import { FINANCE_CHART, FinanceViews } from './finance-views';

/** Finance views over HTTP and gRPC; their read models run in ProjectionsModule (registered-projections.ts). */
@Module({
  controllers: [FinanceHttpController, FinanceGrpcController],
  // CHART_OF_ACCOUNTS was checked when the settings were loaded.
  providers: [FinanceViews, { provide: FINANCE_CHART, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadChartOfAccounts(config.CHART_OF_ACCOUNTS) }],
})
export class FinanceModule {}
