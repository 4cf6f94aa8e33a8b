import { settlementId } from '../../settlement/settlement.aggregate';
import type { ReportedTransaction, SettlementEvent, SettlementReported } from '../../settlement/settlement.events';
import { withCompanyCode } from './company-code';
import { type DraftLine, type EntryHeader, type EntryKind, journalEntry, type Posting } from './journal-entry';
import { lineageOf, postingDateOf, type Recorded } from './posting-source';
import { signedLine } from './signed-line';

export type RecordedSettlementEvent = Recorded<SettlementEvent>;

/**
 * DESIGN.md's settlement rules: what a payout report moved through the provider balance
 * (psp.clearing). Captures put the gross into clearing and refunds took it out when they
 * happened, so a charge or refund posts only the fee the provider kept; the payout empties
 * clearing into the bank. A payout that is not the sum of the nets posts what reached the bank:
 * the difference stays in clearing, where finance sees it, never plugged.
 *
 * Reconciliation verdicts and transaction matches move no money and post nothing.
 */
export function postSettlementEvent(event: RecordedSettlementEvent): Posting[] {
  if (event.type !== 'SettlementReported') return [];
  const report = event.data;
  const postingDate = postingDateOf(report.payoutDate);
  return withCompanyCode(event, report.companyCode, postingDate, (companyCode) => {
    const header = (kind: EntryKind): EntryHeader => ({
      kind,
      sourceType: 'settlement',
      sourceId: settlementId(report),
      companyCode,
      currency: report.currency,
      postingDate,
      lineage: lineageOf(event, undefined),
    });
    const of = (types: readonly ReportedTransaction['type'][]) => report.transactions.filter((t) => types.includes(t.type)).flatMap(transactionLines);
    const entries: Array<[EntryKind, DraftLine[]]> = [
      ['settlement-fees', of(['charge', 'refund', 'fee'])],
      ['settlement-disputes', of(['chargeback', 'dispute_won', 'dispute_lost'])],
      ['settlement-adjustments', of(['adjustment'])],
      ['settlement-payout', payoutLines(report)],
    ];
    return entries.filter(([, lines]) => lines.some((l) => l.amountMinor !== 0)).map(([kind, lines]) => journalEntry(header(kind), lines));
  });
}

/**
 * One transaction's lines, signed debit-positive so every type reads the same way round:
 * `net` is what the transaction moved in clearing, `amount` and `fee` say where it came from.
 */
function transactionLines(t: ReportedTransaction): DraftLine[] {
  const details = { reference: t.transactionId };
  const clearing = signedLine('psp.clearing', t.netMinor, details);
  switch (t.type) {
    case 'charge':
    case 'refund':
      // The gross already moved with the order's capture or refund: only the fee is new.
      return [signedLine('expense.payment-fees', t.feeMinor, details), signedLine('psp.clearing', -t.feeMinor, details)];
    case 'fee':
      return [signedLine('expense.payment-fees', -t.netMinor, details), clearing];
    case 'chargeback':
    case 'dispute_won':
      return [signedLine('psp.disputed-funds', -t.amountMinor, details), signedLine('expense.dispute-fees', t.feeMinor, details), clearing];
    case 'dispute_lost':
      return [signedLine('expense.dispute-losses', -t.amountMinor, details), signedLine('expense.dispute-fees', t.feeMinor, details), clearing];
    case 'adjustment':
      return [signedLine('expense.psp-adjustments', -t.amountMinor, details), signedLine('expense.payment-fees', t.feeMinor, details), clearing];
  }
}

function payoutLines(report: SettlementReported['data']): DraftLine[] {
  const details = { reference: report.payoutId };
  return [signedLine('bank', report.payoutAmountMinor, details), signedLine('psp.clearing', -report.payoutAmountMinor, details)];
}
