import { Inject, Injectable } from '@nestjs/common';
import { commandAnswer, type CommandAnswer } from '../edge/command-answer';
import type { CommandContext } from '../edge/command-context';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import type { MatchTransactionDto } from './dto/match-transaction.dto';
import type { ReportSettlementDto } from './dto/report-settlement.dto';
import { type ReconciliationView, type ReportSettlementAnswer, settlementView, type SettlementView } from './dto/settlement.view';
import type { SettlementDiscrepancyFound, SettlementReconciled } from './settlement.events';
import { settlementAggregate, settlementId } from './settlement.aggregate';
import type { SettlementCommand } from './settlement.commands';

type Payout = { provider: string; payoutId: string };

/** What the HTTP routes and gRPC methods both call for payouts. */
@Injectable()
export class SettlementCommands {
  private readonly settlements: CommandsOf<typeof settlementAggregate>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.settlements = new AggregateCommands(dispatcher, settlementAggregate, { code: 'SETTLEMENT_NOT_FOUND', entity: 'settlement' });
  }

  async report(dto: ReportSettlementDto, context: CommandContext): Promise<ReportSettlementAnswer> {
    const command: SettlementCommand = {
      kind: 'ReportSettlement',
      payoutId: dto.payoutId,
      provider: dto.provider,
      companyCode: dto.companyCode,
      currency: dto.currency,
      payoutAmountMinor: dto.payoutAmount,
      payoutDate: dto.payoutDate,
      transactions: dto.transactions.map((t) => ({
        transactionId: t.id,
        type: t.type,
        currency: t.currency,
        amountMinor: t.amount,
        feeMinor: t.fee,
        netMinor: t.net,
        ...(t.source?.orderId !== undefined && { orderId: t.source.orderId }),
        ...(t.source?.captureId !== undefined && { captureId: t.source.captureId }),
        ...(t.source?.refundId !== undefined && { refundId: t.source.refundId }),
      })),
    };
    const { answer, outcome } = await this.send(dto, command, context);
    // A report records its verdict with it; a repeat (same command id) gets the first outcome, verdict included.
    const verdict = outcome.events.find((e) => e.type !== 'SettlementReported')!;
    return { ...answer, reconciliation: reconciliationOf(verdict) };
  }

  async match(payout: Payout, dto: MatchTransactionDto, context: CommandContext): Promise<CommandAnswer> {
    const command: SettlementCommand = { kind: 'MatchTransaction', payoutId: payout.payoutId, ...dto, matchedBy: context.principal };
    return (await this.send(payout, command, context)).answer;
  }

  async view(payout: Payout): Promise<SettlementView> {
    const id = settlementId(payout);
    const { state, revision } = await this.settlements.current(id);
    const reported = state.payout;
    if (revision === -1 || !reported) throw new EntityNotFoundError('settlement', id);
    return settlementView(id, { ...state, payout: reported }, revision);
  }

  private async send(payout: Payout, command: SettlementCommand, context: CommandContext) {
    const id = settlementId(payout);
    const outcome = await this.settlements.send(id, command, context);
    return { answer: commandAnswer(id, outcome), outcome };
  }
}

function reconciliationOf(event: { type: string; data: unknown }): ReconciliationView {
  const data = event.data as (SettlementReconciled | SettlementDiscrepancyFound)['data'];
  return {
    status: event.type === 'SettlementReconciled' ? 'reconciled' : 'discrepancy',
    payoutAmount: data.payoutAmountMinor,
    netTotal: data.netTotalMinor,
    difference: 'differenceMinor' in data ? data.differenceMinor : 0,
  };
}
