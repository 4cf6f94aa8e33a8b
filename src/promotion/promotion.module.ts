import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { PromotionGrpcController } from './grpc/promotion.grpc';
import { PromotionHttpController } from './http/promotion.http';
import { PromotionCommands } from './promotion-commands.service';

/** The promotion aggregate's HTTP routes and gRPC service. */
@Module({
  imports: [RuntimeModule],
  controllers: [PromotionHttpController, PromotionGrpcController],
  providers: [PromotionCommands],
})
export class PromotionModule {}
