import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { GrpcMatchTransactionDto, PayoutRefDto } from '../dto/match-transaction.dto';
import { ReportSettlementDto } from '../dto/report-settlement.dto';
import { SettlementCommands } from '../settlement-commands.service';

/** Payout methods of `ledgerbridge.settlement.v1.Settlements`; register closes are in register-close.grpc.ts. */
@Controller()
export class SettlementGrpcController {
  constructor(@Inject(SettlementCommands) private readonly settlements: SettlementCommands) {}

  @GrpcMethod('Settlements', 'ReportSettlement')
  @RequireScope('settlements:write')
  @Idempotent()
  report(@Payload() dto: ReportSettlementDto, @CommandContext() context: CommandContext) {
    return this.settlements.report(dto, context);
  }

  @GrpcMethod('Settlements', 'MatchTransaction')
  @RequireScope('settlements:write')
  @Idempotent()
  match(@Payload() dto: GrpcMatchTransactionDto, @CommandContext() context: CommandContext) {
    const { provider, payoutId, ...match } = dto;
    return this.settlements.match({ provider, payoutId }, match, context);
  }

  @GrpcMethod('Settlements', 'GetSettlement')
  @RequireScope('finance:read')
  read(@Payload() dto: PayoutRefDto) {
    return this.settlements.view(dto);
  }
}
