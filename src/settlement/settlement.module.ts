import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { SettlementGrpcController } from './grpc/settlement.grpc';
import { SettlementHttpController } from './http/settlement.http';
import { RegisterCloseGrpcController } from './register-close/grpc/register-close.grpc';
import { RegisterCloseHttpController } from './register-close/http/register-close.http';
import { RegisterCloseCommands } from './register-close/register-close-commands.service';
import { SettlementCommands } from './settlement-commands.service';

/** Payout reports and POS register closes: two aggregates, one gRPC service (`Settlements`). */
@Module({
  imports: [RuntimeModule],
  controllers: [SettlementHttpController, SettlementGrpcController, RegisterCloseHttpController, RegisterCloseGrpcController],
  providers: [SettlementCommands, RegisterCloseCommands],
})
export class SettlementModule {}
