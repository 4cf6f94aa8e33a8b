import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { GiftCardGateway } from './gift-card-gateway';
import { GiftCardGrpcController } from './grpc/gift-card.grpc';
import { GiftCardHttpController } from './http/gift-card.http';

/** The gift card aggregate's HTTP routes and gRPC service. */
@Module({
  imports: [RuntimeModule],
  controllers: [GiftCardHttpController, GiftCardGrpcController],
  providers: [GiftCardGateway],
})
export class GiftCardModule {}
