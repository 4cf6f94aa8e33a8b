import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandAnswer } from '../../edge/command-answer';
import type { SettlementState } from '../settlement.state';

export class ReconciliationView {
  @ApiProperty({ enum: ['reconciled', 'discrepancy'] }) status!: 'reconciled' | 'discrepancy';
  @ApiProperty({ description: 'Payout amount, minor units' }) payoutAmount!: number;
  @ApiProperty({ description: 'Sum of the transactions’ nets' }) netTotal!: number;
  @ApiProperty({ description: 'payoutAmount - netTotal; 0 when reconciled' }) difference!: number;
}

/** The answer to a payout report: the usual write answer plus whether it reconciles. */
export class ReportSettlementAnswer extends CommandAnswer {
  @ApiProperty({ type: ReconciliationView }) reconciliation!: ReconciliationView;
}

export class OrderReferenceView {
  @ApiProperty() orderId!: string;
  @ApiPropertyOptional() captureId?: string;
  @ApiPropertyOptional() refundId?: string;
  @ApiProperty({ description: '`report` when the provider named the order, else the API key that matched it' }) matchedBy!: string;
}

export class SettlementTransactionView {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() net!: number;
  @ApiPropertyOptional({ type: OrderReferenceView, description: 'Absent while unmatched' }) source?: OrderReferenceView;
}

export class SettlementView {
  @ApiProperty({ description: 'provider/payoutId, each part URI-encoded' }) id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() provider!: string;
  @ApiProperty() payoutId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() payoutDate!: string;
  @ApiProperty({ description: 'Gross, fee and net totals of the transactions' }) totals!: { amount: number; fee: number; net: number };
  @ApiProperty({ type: ReconciliationView }) reconciliation!: ReconciliationView;
  @ApiProperty({ type: [SettlementTransactionView] }) transactions!: SettlementTransactionView[];
}

export function settlementView(id: string, state: SettlementState & { payout: NonNullable<SettlementState['payout']> }, revision: number): SettlementView {
  const { payout } = state;
  return {
    id,
    revision,
    provider: payout.provider,
    payoutId: payout.payoutId,
    companyCode: payout.companyCode,
    currency: payout.currency,
    payoutDate: payout.date,
    totals: { amount: payout.totals.amountMinor, fee: payout.totals.feeMinor, net: payout.totals.netMinor },
    reconciliation: {
      status: state.reconciliation === 'reconciled' ? 'reconciled' : 'discrepancy',
      payoutAmount: payout.amountMinor,
      netTotal: payout.totals.netMinor,
      difference: state.differenceMinor,
    },
    transactions: [...state.transactions].map(([transactionId, t]) => ({
      id: transactionId,
      type: t.type,
      net: t.netMinor,
      ...(t.orderReference && { source: { ...t.orderReference } }),
    })),
  };
}
