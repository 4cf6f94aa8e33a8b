import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../projections/journal/journal.projection';
import { journalLines, postingErrors } from '../../projections/journal/journal.queries';
import type { ProjectionDatabase } from '../../projections/runner/projection-database';
import { ProjectionRunner } from '../../projections/runner/projection-runner';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../order/order.fixtures';
import { journalHarness } from './journal-harness';

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
      ship('s1', [['L1', 2], ['L2', 1]]),
      requestReturn('r1', [['L1', 1]]),
      receiveReturn('r1'),
    );
    db = harness.openProjections();
    runner = new ProjectionRunner(harness.store, db, journalProjection);
    await runner.start();
    const last = await harness.send('o-1001', refund(2931, 'ref-1', 'r1'));
    await runner.waitFor(last);
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
    ]);
    assert.deepEqual(postingErrors(db), [], 'nothing was refused');
  });

  it('claims the vendor-funded discount from Acme, and the return of an unfunded line reverses no claim', () => {
    const claims = journalLines(db).filter((l) => l.role === 'receivable.vendor-promo' || l.role === 'cogs.vendor-funding');
    assert.deepEqual(claims.map((l) => [l.role, l.vendor_id, l.amount_minor]), [
      ['receivable.vendor-promo', 'acme', 500],
      ['cogs.vendor-funding', 'acme', 500],
    ]);
  });

  it('traces every line to its event, command, correlation and channel payload', async () => {
    const stored = await harness.store.readStream('order-o-1001');
    for (const line of journalLines(db)) {
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
    assert.deepEqual([...byEntry.values()].filter((v) => v !== 0), []);
  });
});
