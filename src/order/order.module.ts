import { Module } from '@nestjs/common';
import { ReferenceDataCommands } from '../reference-data/reference-data-commands.service';
import { RuntimeModule } from '../runtime/runtime.module';
import { OrderGrpcController } from './grpc/order.grpc';
import { OrderHttpController } from './http/order.http';
import { OrderCommands } from './order-commands.service';

/** The order's HTTP and gRPC API over the order aggregate (the aggregate itself is framework-free). */
@Module({
  imports: [RuntimeModule],
  controllers: [OrderHttpController, OrderGrpcController],
  providers: [OrderCommands, ReferenceDataCommands],
})
export class OrderModule {}
