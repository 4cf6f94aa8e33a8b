import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { journalEntries, journalLines, postingErrors } from '../../../projections/journal/journal.queries';
import type { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import { registerCloseAggregate, registerCloseId } from '../../../src/settlement/register-close/register-close.aggregate';
import type { CloseRegister } from '../../../src/settlement/register-close/register-close.commands';
import { settlementAggregate, settlementId } from '../../../src/settlement/settlement.aggregate';
import type { ReportSettlement } from '../../../src/settlement/settlement.commands';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../../order/order.fixtures';
import { journalHarness } from './journal-harness';

/** The provider pays out the worked order's charge: 105.19 less its 3.35 fee (2.9% + 0.30). */
const payout: ReportSettlement = {
  kind: 'ReportSettlement',
  provider: 'stripe',
  payoutId: 'po-1001',
  companyCode: 'US01',
  currency: 'USD',
  payoutAmountMinor: 10184,
  payoutDate: '2026-11-30',
  transactions: [{ transactionId: 'txn-1001', type: 'charge', currency: 'USD', amountMinor: 10519, feeMinor: 335, netMinor: 10184, orderId: 'o-1001', captureId: 'cap-1' }],
};

/** DESIGN's register close: 1250.00 cash expected, 1247.50 counted. */
const registerClose: CloseRegister = {
  kind: 'CloseRegister',
  storeId: 'store-7',
  registerId: 'reg-2',
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
  closedAt: '2026-11-27T22:05:00-05:00',
};

const summary = (rows: ReturnType<typeof journalLines>) =>
  rows.map((l) => [l.event_type, l.role, l.side, (l.amount_minor / 100).toFixed(2), l.promotion_id ?? l.vendor_id ?? ''].join(' ').trim());

describe('DESIGN.md worked example, sent as commands, projected into the journal', () => {
  const harness = journalHarness('journal-example');
  let db: ProjectionDatabase;
  let runner: ProjectionRunner;

  before(async () => {
    await harness.send(
      'o-1001',
      workedExample(),
      authorize(10519),
      capture(10519),
      ship('s1', [
        ['L1', 2],
        ['L2', 1],
      ]),
      requestReturn('r1', [['L1', 1]]),
      receiveReturn('r1'),
    );
    db = harness.openProjections();
    runner = new ProjectionRunner(harness.store, db, journalProjection);
    await runner.start();
    await harness.send('o-1001', refund(2931, 'ref-1', 'r1'));
    await harness.dispatch(settlementAggregate, settlementId(payout), payout, { channel: 'stripe' });
    await runner.waitFor(await harness.dispatch(registerCloseAggregate, registerCloseId(registerClose), registerClose));
  });
  after(async () => {
    await runner.stop();
    db.close();
    await harness.close();
  });

  it('posts exactly the lines of DESIGN’s table, to the cent', () => {
    assert.deepEqual(summary(journalLines(db)), [
      'PaymentCaptured psp.clearing debit 105.19',
      'PaymentCaptured liability.customer-deposits credit 105.19',
      'ShipmentConfirmed liability.customer-deposits debit 105.19',
      'ShipmentConfirmed discount.retailer debit 10.00 promo-save10',
      'ShipmentConfirmed discount.vendor debit 5.00 promo-vend5',
      'ShipmentConfirmed revenue.merchandise credit 105.00',
      'ShipmentConfirmed revenue.shipping credit 7.99',
      'ShipmentConfirmed tax.payable credit 7.20',
      'ShipmentConfirmed receivable.vendor-promo debit 5.00 promo-vend5',
      'ShipmentConfirmed cogs.vendor-funding credit 5.00 promo-vend5',
      'ReturnReceived revenue.returns debit 30.00',
      'ReturnReceived tax.payable debit 2.17',
      'ReturnReceived discount.retailer credit 2.86 promo-save10',
      'ReturnReceived liability.refunds-payable credit 29.31',
      'RefundIssued liability.refunds-payable debit 29.31',
      'RefundIssued psp.clearing credit 29.31',
      'SettlementReported expense.payment-fees debit 3.35',
      'SettlementReported psp.clearing credit 3.35',
      'SettlementReported bank debit 101.84',
      'SettlementReported psp.clearing credit 101.84',
      'RegisterClosed cash.deposit-in-transit debit 1247.50',
      'RegisterClosed expense.cash-over-short debit 2.50',
      'RegisterClosed cash.register-clearing credit 1250.00',
    ]);
    assert.deepEqual(postingErrors(db), [], 'nothing was refused');
  });

  it('claims the vendor-funded discount from Acme, and the return of an unfunded line reverses no claim', () => {
    const claims = journalLines(db).filter((l) => l.role === 'receivable.vendor-promo' || l.role === 'cogs.vendor-funding');
    assert.deepEqual(
      claims.map((l) => [l.role, l.vendor_id, l.amount_minor]),
      [
        ['receivable.vendor-promo', 'acme', 500],
        ['cogs.vendor-funding', 'acme', 500],
      ],
    );
  });

  it('leaves in psp.clearing only the refund the provider has not paid out yet', () => {
    const clearing = journalLines(db).filter((l) => l.role === 'psp.clearing');
    assert.equal(
      clearing.reduce((a, l) => a + (l.side === 'debit' ? l.amount_minor : -l.amount_minor), 0),
      -2931,
    );
  });

  it('books the payout and the register day under their company code and business dates', () => {
    const entries = journalEntries(db).filter((e) => e.source_type !== 'order');
    assert.deepEqual(
      entries.map((e) => [e.kind, e.source_type, e.source_id, e.company_code, e.posting_date]),
      [
        ['settlement-fees', 'settlement', 'stripe/po-1001', 'US01', '2026-11-30'],
        ['settlement-payout', 'settlement', 'stripe/po-1001', 'US01', '2026-11-30'],
        ['register-close', 'register-close', 'store-7/reg-2/2026-11-27', 'US01', '2026-11-27'],
      ],
    );
  });

  it('traces every order line to its event, command, correlation and channel payload', async () => {
    const stored = await harness.store.readStream('order-o-1001');
    for (const line of journalLines(db, 'order-o-1001')) {
      const event = stored.find((e) => e.eventId === line.event_id);
      assert.ok(event, `line ${line.line_id} names event ${line.event_id}, which is in the stream`);
      assert.deepEqual(
        [line.stream_id, line.revision, line.global_position, line.event_type, line.command_id, line.correlation_id, line.channel, line.source_ref],
        ['order-o-1001', event.revision, event.globalPosition.toString(), event.type, event.metadata.commandId, 'corr-o-1001', 'web', 'payload://web/o-1001'],
        `lineage of ${line.line_id}`,
      );
      assert.ok(line.line_id.startsWith(`${event.eventId}/`), 'line ids derive from the source event id');
    }
  });

  it('balances every entry', () => {
    const byEntry = new Map<string, number>();
    for (const l of journalLines(db)) byEntry.set(l.entry_id, (byEntry.get(l.entry_id) ?? 0) + (l.side === 'debit' ? l.amount_minor : -l.amount_minor));
    assert.deepEqual(
      [...byEntry.values()].filter((v) => v !== 0),
      [],
    );
  });
});
