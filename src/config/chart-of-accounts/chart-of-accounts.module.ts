import { Module } from '@nestjs/common';
import { loadChartOfAccounts } from './chart-of-accounts.file';
import { APP_CONFIG, type AppConfig } from '../app-config';

/** The chart of accounts the service exports batches and shows GL accounts with. */
export const CHART_OF_ACCOUNTS = Symbol('ChartOfAccounts');

/** Loads CHART_OF_ACCOUNTS once for every module that needs it (the setting was checked at start). */
@Module({
  providers: [{ provide: CHART_OF_ACCOUNTS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadChartOfAccounts(config.CHART_OF_ACCOUNTS) }],
  exports: [CHART_OF_ACCOUNTS],
})
export class ChartOfAccountsModule {}
