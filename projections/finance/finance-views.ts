import { Inject, Injectable } from '@nestjs/common';
import { openItems } from './open-items/open-items.query';
import { promotionCost } from './promotion-cost/promotion-cost.query';
import { settlementReconciliation, settlementReconciliations } from './settlement-reconciliation/settlement-reconciliation.query';
import type { ChartOfAccounts } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { balancesByAccount, glAccountsOf } from './trial-balance/trial-balance-accounts';
import { trialBalance } from './trial-balance/trial-balance.query';
import { ProjectionDatabase } from '../runner/projection-database';
import { periodRange } from './period-range';
import { CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import type { OpenItemsQuery, PromotionCostQuery, SettlementReconciliationsQuery, TrialBalanceQuery } from './dto/finance-queries.dto';
import type { OpenItemsView, PromotionCostView, SettlementReconciliationsView, SettlementReconciliationView, TrialBalanceView } from './dto/finance.views';

/**
 * The finance views, answered from their read models; one service behind both transports. Each
 * view reads in one snapshot, so its rows and the checkpoint it reports agree while the
 * projection thread commits.
 */
@Injectable()
export class FinanceViews {
  constructor(
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccounts,
  ) {}

  /** Sums by role from the journal; GL accounts come from the chart as configured now, so a chart change shows at once. */
  trialBalance(query: TrialBalanceQuery): TrialBalanceView {
    const { from, to } = this.range(query.companyCode, query.period) ?? query;
    const { checkpoint, rows, totals } = this.db.snapshot(() => trialBalance(this.db, { ...query, from, to }));
    return {
      checkpoint,
      from,
      to,
      ...(query.companyCode !== undefined && { companyCode: query.companyCode }),
      ...(query.period !== undefined && { period: query.period }),
      rows: rows.map((row) => ({ ...row, glAccounts: glAccountsOf(this.chart, row.companyCode, row.role) })),
      ...(query.erp !== undefined && { erp: query.erp, accounts: balancesByAccount(this.chart, query.erp, rows) }),
      totals,
    };
  }

  openItems(query: OpenItemsQuery): OpenItemsView {
    const asOf = this.range(query.companyCode, query.period)?.to ?? query.asOf;
    return { ...this.db.snapshot(() => openItems(this.db, { ...query, asOf })), ...(asOf !== undefined && { asOf }), ...(query.period !== undefined && { period: query.period }) };
  }

  /** A period counts the cost events dated in its days (cost events are not moved by a close: they post nothing). */
  promotionCost(query: PromotionCostQuery): PromotionCostView {
    const range = this.range(query.companyCode, query.period);
    return {
      ...this.db.snapshot(() => promotionCost(this.db, { ...query, ...range })),
      ...range,
      ...(query.companyCode !== undefined && { companyCode: query.companyCode }),
      ...(query.period !== undefined && { period: query.period }),
    };
  }

  settlementReconciliations(query: SettlementReconciliationsQuery): SettlementReconciliationsView {
    const range = this.range(query.companyCode, query.period);
    return this.db.snapshot(() => settlementReconciliations(this.db, { ...query, ...range }));
  }

  /** A period filter's days (the DTOs require the company with it); undefined without one. */
  private range(companyCode: string | undefined, period: string | undefined): { from: string; to: string } | undefined {
    if (period === undefined) return undefined;
    const { start, end } = periodRange(this.db, companyCode!, period);
    return { from: start, to: end };
  }

  settlementReconciliation(provider: string, payoutId: string): SettlementReconciliationView {
    const found = this.db.snapshot(() => settlementReconciliation(this.db, provider, payoutId));
    if (!found) throw new EntityNotFoundError('payout', `${provider}/${payoutId}`);
    return found;
  }
}
