import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../access/access-requirements';
import { CommandAnswer } from '../../edge/command-answer';
import { CommandContext } from '../../edge/command-context';
import { EntityIdParam } from '../../edge/path-params';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ExampleBody } from '../../api-docs/documented';
import { MATCH, MATCHED, PAYOUT_REPORT, REPORTED, SETTLEMENT_VIEW } from './settlement-examples';
import { MatchTransactionDto } from '../dto/match-transaction.dto';
import { ReportSettlementDto } from '../dto/report-settlement.dto';
import { ReportSettlementAnswer, SettlementView } from '../dto/settlement.view';
import { SettlementCommands } from '../settlement-commands.service';

@ApiTags('settlements')
@Controller('settlements')
export class SettlementHttpController {
  constructor(@Inject(SettlementCommands) private readonly settlements: SettlementCommands) {}

  /** Recorded whole even when it does not reconcile: the answer says so, with the difference. */
  @Post()
  @RequireScope('settlements:write')
  @Idempotent()
  @ApiOperation({
    summary: "Report a payment provider's payout: recorded whole, reconciled against its transactions (the answer says whether it reconciles, with the difference).",
  })
  @ExampleBody(ReportSettlementDto, PAYOUT_REPORT, "README's payout report")
  @ApiCreatedResponse({
    description: 'Recorded, with the reconciliation: reconciled, or the difference between the payout and its net total',
    type: ReportSettlementAnswer,
    example: REPORTED,
  })
  report(@Body() dto: ReportSettlementDto, @CommandContext() context: CommandContext) {
    return this.settlements.report(dto, context);
  }

  @Post(':provider/:payoutId/matches')
  @RequireScope('settlements:write')
  @Idempotent()
  @ApiOperation({ summary: "Match one of the payout's transactions to an order's capture or refund by hand." })
  @ExampleBody(MatchTransactionDto, MATCH)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: MATCHED,
  })
  match(
    @Param('provider', EntityIdParam) provider: string,
    @Param('payoutId', EntityIdParam) payoutId: string,
    @Body() dto: MatchTransactionDto,
    @CommandContext() context: CommandContext,
  ) {
    return this.settlements.match({ provider, payoutId }, dto, context);
  }

  @Get(':provider/:payoutId')
  @RequireScope('finance:read')
  @ApiOperation({ summary: 'The payout as reported: totals, reconciliation, each transaction with its order reference.' })
  @ApiOkResponse({ description: 'The payout', type: SettlementView, example: SETTLEMENT_VIEW })
  read(@Param('provider', EntityIdParam) provider: string, @Param('payoutId', EntityIdParam) payoutId: string) {
    return this.settlements.view({ provider, payoutId });
  }
}
