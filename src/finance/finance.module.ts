import { Module } from '@nestjs/common';
import { FinanceGrpcController } from './finance.grpc';
import { FinanceHttpController } from './finance.http';
import { FinanceViews } from './finance-views';

/** Finance views over HTTP and gRPC; their read models run in ProjectionsModule (registered-projections.ts). */
@Module({
  controllers: [FinanceHttpController, FinanceGrpcController],
  providers: [FinanceViews],
})
export class FinanceModule {}
