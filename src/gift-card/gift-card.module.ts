import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { GiftCardCommands } from './gift-card-commands.service';
import { GiftCardGrpcController } from './grpc/gift-card.grpc';
import { GiftCardHttpController } from './http/gift-card.http';

/** The gift card aggregate's HTTP routes and gRPC service. */
@Module({
  imports: [RuntimeModule],
  controllers: [GiftCardHttpController, GiftCardGrpcController],
  providers: [GiftCardCommands],
})
export class GiftCardModule {}
