import type { ProjectionDatabase } from '../../runner/projection-database';
import { checkpointOf, liveTable } from '../../runner/live-table';
import { settlementReconciliationProjection } from './settlement-reconciliation.projection';
import { matchTransaction, type OrderPayment, type TransactionMatch } from './transaction-match';

export type ReconciliationStatus = 'reconciled' | 'discrepancy';

export interface PayoutSummary {
  provider: string;
  payoutId: string;
  /** Null when the payout was reported before reports named their company. */
  companyCode: string | null;
  currency: string;
  payoutDate: string;
  payoutAmountMinor: number;
  netTotalMinor: number;
  status: ReconciliationStatus;
  /** payout - sum of the transactions' nets; 0 when reconciled. */
  differenceMinor: number;
  transactionCounts: { matched: number; unmatched: number; notApplicable: number };
}

export interface ReconciledTransaction {
  transactionId: string;
  type: string;
  amountMinor: number;
  feeMinor: number;
  netMinor: number;
  /** `report` when the provider named the order, else who matched it afterwards. */
  referencedBy: string | null;
  match: TransactionMatch;
}

export interface PayoutReconciliation extends PayoutSummary {
  amountTotalMinor: number;
  feeTotalMinor: number;
  transactions: ReconciledTransaction[];
}

export interface ReconciliationFilter {
  /** Payout dates (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  companyCode?: string;
  status?: ReconciliationStatus;
}

interface PayoutRow {
  stream_id: string;
  provider: string;
  payout_id: string;
  company_code: string | null;
  currency: string;
  payout_amount_minor: number;
  payout_date: string;
  amount_total_minor: number;
  fee_total_minor: number;
  net_total_minor: number;
  status: ReconciliationStatus | null;
  difference_minor: number | null;
}

interface TransactionRow {
  transaction_id: string;
  type: string;
  amount_minor: number;
  fee_minor: number;
  net_minor: number;
  order_id: string | null;
  capture_id: string | null;
  refund_id: string | null;
  matched_order_id: string | null;
  matched_capture_id: string | null;
  matched_refund_id: string | null;
  matched_by: string | null;
}

/** Reads one projection generation's rows for the reconciliation views, with statements prepared once per read. */
class SettlementRows {
  private readonly tables: Record<'payouts' | 'outcomes' | 'transactions' | 'matches' | 'order_payments', string>;

  constructor(private readonly db: ProjectionDatabase) {
    const table = (name: string) => liveTable(db, settlementReconciliationProjection.name, name);
    this.tables = {
      payouts: table('payouts'),
      outcomes: table('outcomes'),
      transactions: table('transactions'),
      matches: table('matches'),
      order_payments: table('order_payments'),
    };
  }

  payouts(where: string, params: Record<string, string>): PayoutRow[] {
    const { payouts, outcomes } = this.tables;
    return this.db.db
      .prepare(
        `SELECT p.*, o.status AS status, o.difference_minor AS difference_minor FROM ${payouts} p LEFT JOIN ${outcomes} o ON o.stream_id = p.stream_id
         ${where} ORDER BY p.payout_date, p.provider, p.payout_id`,
      )
      .all(params) as PayoutRow[];
  }

  transactions(): (streamId: string) => TransactionRow[] {
    const { transactions, matches } = this.tables;
    const statement = this.db.db.prepare(
      `SELECT t.*, m.order_id AS matched_order_id, m.capture_id AS matched_capture_id, m.refund_id AS matched_refund_id, m.matched_by AS matched_by
       FROM ${transactions} t LEFT JOIN ${matches} m ON m.stream_id = t.stream_id AND m.transaction_id = t.transaction_id
       WHERE t.stream_id = ? ORDER BY t.line_no`,
    );
    return (streamId) => statement.all(streamId) as TransactionRow[];
  }

  orderPayments(): (orderId: string) => OrderPayment[] {
    const statement = this.db.db.prepare(
      `SELECT kind, payment_id AS paymentId, amount_minor AS amountMinor, currency FROM ${this.tables.order_payments} WHERE order_id = ? ORDER BY kind, payment_id, event_id`,
    );
    return (orderId) => statement.all(orderId) as OrderPayment[];
  }
}

function reconcile(row: PayoutRow, transactionsOf: (streamId: string) => TransactionRow[], paymentsOf: (orderId: string) => OrderPayment[]): PayoutReconciliation {
  const transactions = transactionsOf(row.stream_id).map((t): ReconciledTransaction => {
    // A later match only fills in what the report left out: the settlement refuses to re-point a referenced transaction.
    const reference =
      t.matched_order_id !== null
        ? { type: t.type, orderId: t.matched_order_id, captureId: t.matched_capture_id ?? undefined, refundId: t.matched_refund_id ?? undefined }
        : { type: t.type, orderId: t.order_id ?? undefined, captureId: t.capture_id ?? undefined, refundId: t.refund_id ?? undefined };
    return {
      transactionId: t.transaction_id,
      type: t.type,
      amountMinor: t.amount_minor,
      feeMinor: t.fee_minor,
      netMinor: t.net_minor,
      referencedBy: t.matched_by ?? (t.order_id !== null ? 'report' : null),
      match: matchTransaction(reference, reference.orderId !== undefined ? paymentsOf(reference.orderId) : []),
    };
  });
  const counts = { matched: 0, unmatched: 0, notApplicable: 0 };
  for (const { match } of transactions) {
    if (match.status === 'matched') counts.matched += 1;
    else if (match.status === 'unmatched') counts.unmatched += 1;
    else counts.notApplicable += 1;
  }
  const differenceMinor = row.difference_minor ?? row.payout_amount_minor - row.net_total_minor;
  return {
    provider: row.provider,
    payoutId: row.payout_id,
    companyCode: row.company_code,
    currency: row.currency,
    payoutDate: row.payout_date,
    payoutAmountMinor: row.payout_amount_minor,
    netTotalMinor: row.net_total_minor,
    status: row.status ?? (differenceMinor === 0 ? 'reconciled' : 'discrepancy'),
    differenceMinor,
    transactionCounts: counts,
    amountTotalMinor: row.amount_total_minor,
    feeTotalMinor: row.fee_total_minor,
    transactions,
  };
}

/** Every payout in the filter with its status and how many of its transactions match an order. */
export function settlementReconciliations(db: ProjectionDatabase, filter: ReconciliationFilter): { checkpoint: string | null; payouts: PayoutSummary[] } {
  const rows = new SettlementRows(db);
  const conditions = [
    ...(filter.from !== undefined ? ['p.payout_date >= @from'] : []),
    ...(filter.to !== undefined ? ['p.payout_date <= @to'] : []),
    ...(filter.companyCode !== undefined ? ['p.company_code = @companyCode'] : []),
  ];
  const params = Object.fromEntries(Object.entries({ from: filter.from, to: filter.to, companyCode: filter.companyCode }).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const transactionsOf = rows.transactions();
  const paymentsOf = rows.orderPayments();
  const payouts = rows
    .payouts(conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params)
    .map((row) => reconcile(row, transactionsOf, paymentsOf))
    .filter((payout) => filter.status === undefined || payout.status === filter.status)
    .map(({ transactions: _transactions, amountTotalMinor: _amount, feeTotalMinor: _fee, ...summary }) => summary);
  return { checkpoint: checkpointOf(db, settlementReconciliationProjection.name), payouts };
}

/** One payout with each transaction's match; undefined when no such payout was reported. */
export function settlementReconciliation(db: ProjectionDatabase, provider: string, payoutId: string): { checkpoint: string | null; payout: PayoutReconciliation } | undefined {
  const rows = new SettlementRows(db);
  const [row] = rows.payouts('WHERE p.provider = @provider AND p.payout_id = @payoutId', { provider, payoutId });
  if (!row) return undefined;
  return { checkpoint: checkpointOf(db, settlementReconciliationProjection.name), payout: reconcile(row, rows.transactions(), rows.orderPayments()) };
}
