import { Module } from '@nestjs/common';
import { ChartOfAccountsModule } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import { FinanceGrpcController } from './finance.grpc';
import { FinanceHttpController } from './finance.http';
import { FinanceViews } from './finance-views';

/** Finance views over HTTP and gRPC; their read models run in ProjectionsModule (registered-projections.ts). */
@Module({
  imports: [ChartOfAccountsModule],
  controllers: [FinanceHttpController, FinanceGrpcController],
  providers: [FinanceViews],
})
export class FinanceModule {}
