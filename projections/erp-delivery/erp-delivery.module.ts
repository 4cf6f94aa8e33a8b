import { Module } from '@nestjs/common';
import { ChartOfAccountsModule } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import { RuntimeModule } from '../../src/runtime/runtime.module';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionsModule } from '../host/projections-host.module';
import { ErpDeliveryCommands } from './erp-delivery-commands.service';
import { ErpDeliveryHost } from './erp-delivery-host';
import { ErpDeliveryMonitoring } from './erp-delivery-monitoring';
import { ErpDeliveryQueries } from './erp-deliveries.queries';
import { ErpDeliveryGrpcController } from './grpc/erp-delivery.grpc';
import { ErpDeliveryHttpController } from './http/erp-delivery.http';

/**
 * ERP delivery: the delivery thread and its log (ErpDeliveryHost), the operators', auditors' and
 * finance's views and decisions over HTTP and gRPC, and SAP's confirmation callback. Its read
 * model (erp_deliveries) runs with the others on the projection thread.
 */
@Module({
  imports: [RuntimeModule, ProjectionsModule, ChartOfAccountsModule],
  controllers: [ErpDeliveryHttpController, ErpDeliveryGrpcController],
  providers: [
    { provide: ErpDeliveryQueries, inject: [ProjectionDatabase], useFactory: (db: ProjectionDatabase) => new ErpDeliveryQueries(db) },
    ErpDeliveryHost,
    ErpDeliveryCommands,
    ErpDeliveryMonitoring,
  ],
  exports: [ErpDeliveryQueries, ErpDeliveryCommands],
})
export class ErpDeliveryModule {}
