import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPEN_ITEM_KINDS } from '../open-items/open-item-kind';

const CHECKPOINT = { type: String, nullable: true, description: 'Global position of the last event the view includes; null before the first' };

export class GlAccountsView {
  @ApiPropertyOptional({ example: '0000113100' }) sap?: string;
  @ApiPropertyOptional({ example: '101' }) netsuite?: string;
  @ApiPropertyOptional({ example: '113100' }) d365?: string;
}

export class TrialBalanceRowView {
  @ApiProperty() companyCode!: string;
  @ApiProperty({ example: 'psp.clearing' }) role!: string;
  @ApiProperty({ type: GlAccountsView, description: "The role's GL account in each ERP the company is set up for (chart of accounts); an unmapped ERP is absent" })
  glAccounts!: GlAccountsView;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Minor units' }) debitMinor!: number;
  @ApiProperty({ description: 'Minor units' }) creditMinor!: number;
  @ApiProperty({ description: 'debit - credit, minor units' }) balanceMinor!: number;
}

export class AccountBalanceView {
  @ApiProperty() companyCode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null collects roles the chart leaves unmapped' }) glAccount!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() currency!: string;
  @ApiProperty() debitMinor!: number;
  @ApiProperty() creditMinor!: number;
  @ApiProperty() balanceMinor!: number;
}

export class CurrencyTotalView {
  @ApiProperty() currency!: string;
  @ApiProperty() debitMinor!: number;
  @ApiProperty() creditMinor!: number;
}

export class TrialBalanceView {
  @ApiProperty(CHECKPOINT) checkpoint!: string | null;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiPropertyOptional() companyCode?: string;
  @ApiPropertyOptional({ example: '2026-11', description: 'The fiscal period asked for: from and to are its first and last day' }) period?: string;
  @ApiProperty({ type: [TrialBalanceRowView], description: 'By company, account role and currency' }) rows!: TrialBalanceRowView[];
  @ApiPropertyOptional({ enum: ['sap', 'netsuite', 'd365'] }) erp?: string;
  @ApiPropertyOptional({ type: [AccountBalanceView], description: "With `erp`: the same sums by that ERP's GL account" }) accounts?: AccountBalanceView[];
  @ApiProperty({ type: [CurrencyTotalView], description: 'Per currency: debits equal credits' }) totals!: CurrencyTotalView[];
}

export class OpenItemView {
  @ApiProperty({ enum: OPEN_ITEM_KINDS }) kind!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Still owed to the customer, minor units' }) openMinor!: number;
  @ApiProperty({ description: 'Captured, tendered or returned so far' }) addedMinor!: number;
  @ApiProperty({ description: 'Earned by shipment or pickup, or paid out, so far' }) releasedMinor!: number;
  @ApiProperty({ description: 'Posting date of the first movement' }) openSince!: string;
}

export class OpenItemsView {
  @ApiProperty(CHECKPOINT) checkpoint!: string | null;
  @ApiPropertyOptional() asOf?: string;
  @ApiPropertyOptional({ example: '2026-11', description: 'The fiscal period asked for: asOf is its last day' }) period?: string;
  @ApiProperty({ type: [OpenItemView], description: 'Deposits not yet earned (captured, not shipped), then refunds payable (returned, not refunded)' })
  items!: OpenItemView[];
}

export class PromotionCostRowView {
  @ApiProperty() promotionId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['retailer', 'vendor'] }) fundingSource!: string;
  @ApiProperty({ type: String, nullable: true }) vendorId!: string | null;
  @ApiProperty() currency!: string;
  @ApiProperty() appliedMinor!: number;
  @ApiProperty() clawedBackMinor!: number;
  @ApiProperty() releasedMinor!: number;
  @ApiProperty({ description: 'applied - clawedBack - released = retailer + vendor' }) netMinor!: number;
  @ApiProperty() retailerMinor!: number;
  @ApiProperty() vendorMinor!: number;
  @ApiProperty({ description: 'Orders the promotion touched' }) orders!: number;
}

export class FunderCostView {
  @ApiProperty({ enum: ['retailer', 'vendor'] }) fundingSource!: string;
  @ApiProperty({ type: String, nullable: true }) vendorId!: string | null;
  @ApiProperty() currency!: string;
  @ApiProperty() netMinor!: number;
}

export class PromotionCostView {
  @ApiProperty(CHECKPOINT) checkpoint!: string | null;
  @ApiPropertyOptional({ example: '2026-11-01', description: "With `period`: the period's first day" }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: "With `period`: the period's last day" }) to?: string;
  @ApiPropertyOptional({ example: 'US01' }) companyCode?: string;
  @ApiPropertyOptional({ example: '2026-11', description: 'The fiscal period asked for' }) period?: string;
  @ApiProperty({ type: [PromotionCostRowView] }) promotions!: PromotionCostRowView[];
  @ApiProperty({ type: [FunderCostView], description: 'Net cost per funder: the retailer, then each vendor' }) byFunder!: FunderCostView[];
}

export class TransactionMatchView {
  @ApiProperty({ enum: ['matched', 'unmatched', 'not-applicable'] }) status!: string;
  @ApiPropertyOptional({ enum: ['no-order-reference', 'capture-not-found', 'refund-not-found', 'no-capture-on-order', 'no-refund-on-order'] }) reason?: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional() captureId?: string;
  @ApiPropertyOptional() refundId?: string;
  @ApiPropertyOptional({ description: 'The matched capture or refund amount on the order' }) orderAmountMinor?: number;
}

export class ReconciledTransactionView {
  @ApiProperty() transactionId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() feeMinor!: number;
  @ApiProperty() netMinor!: number;
  @ApiProperty({ type: String, nullable: true, description: '`report` when the provider named the order, else who matched it' }) referencedBy!: string | null;
  @ApiProperty({ type: TransactionMatchView }) match!: TransactionMatchView;
}

export class TransactionCountsView {
  @ApiProperty() matched!: number;
  @ApiProperty() unmatched!: number;
  @ApiProperty() notApplicable!: number;
}

export class PayoutSummaryView {
  @ApiProperty() provider!: string;
  @ApiProperty() payoutId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a payout reported before reports named their company' }) companyCode!: string | null;
  @ApiProperty() currency!: string;
  @ApiProperty() payoutDate!: string;
  @ApiProperty() payoutAmountMinor!: number;
  @ApiProperty() netTotalMinor!: number;
  @ApiProperty({ enum: ['reconciled', 'discrepancy'] }) status!: string;
  @ApiProperty({ description: 'payout - sum of nets; 0 when reconciled' }) differenceMinor!: number;
  @ApiProperty({ type: TransactionCountsView }) transactionCounts!: TransactionCountsView;
}

export class SettlementReconciliationsView {
  @ApiProperty(CHECKPOINT) checkpoint!: string | null;
  @ApiProperty({ type: [PayoutSummaryView] }) payouts!: PayoutSummaryView[];
}

export class PayoutReconciliationView extends PayoutSummaryView {
  @ApiProperty() amountTotalMinor!: number;
  @ApiProperty() feeTotalMinor!: number;
  @ApiProperty({ type: [ReconciledTransactionView] }) transactions!: ReconciledTransactionView[];
}

export class SettlementReconciliationView {
  @ApiProperty(CHECKPOINT) checkpoint!: string | null;
  @ApiProperty({ type: PayoutReconciliationView }) payout!: PayoutReconciliationView;
}
