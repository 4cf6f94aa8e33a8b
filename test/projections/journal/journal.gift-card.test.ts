import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { journalLines, postingErrors } from '../../../projections/journal/journal.queries';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import { workedExampleOrder } from '../../order/api/order-requests';
import { call } from '../../support/edge-app';
import { FINANCE_KEYS as KEYS, startFinanceApp } from '../../support/finance-api';
import { tempDir } from '../../support/temp-dir';

/** DESIGN's worked order at the POS channel, 25.00 of it paid with the gift card sold below. */
const order = {
  ...workedExampleOrder('o-gc-1', 'pos'),
  tenders: [
    { kind: 'gift_card', amountMinor: 2500, reference: 'gc-77' },
    { kind: 'card', amountMinor: 8019, reference: 'pi_1' },
  ],
};

describe('a gift card sold over HTTP, then redeemed on an order, in the journal', () => {
  const dir = tempDir('journal-gift-card');
  let edge: Awaited<ReturnType<typeof startFinanceApp>>;
  let db: ProjectionDatabase;
  let runner: ProjectionRunner;
  const post = async (path: string, body: unknown) => {
    const answer = await call(edge.base, 'POST', path, { key: KEYS.pos, body });
    assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.body)}`);
  };

  before(async () => {
    edge = await startFinanceApp(dir.path);
    await post('/gift-cards', {
      giftCardId: 'gc-77',
      channel: 'pos',
      companyCode: 'US01',
      currency: 'USD',
      amountMinor: 5000,
      tender: { kind: 'card', reference: 'pi_gc_77' },
      soldAt: '2026-11-26T15:00:00Z',
      sourceRef: 'payload://pos/gc-77',
    });
    await post('/orders', order);
    await post('/orders/o-gc-1/authorizations', { authorizationId: 'auth-1', amountMinor: 8019, currency: 'USD', at: '2026-11-27T10:00:05Z' });
    await post('/orders/o-gc-1/captures', { captureId: 'cap-1', amountMinor: 8019, currency: 'USD', at: '2026-11-27T10:00:06Z' });
    await post('/orders/o-gc-1/shipments', {
      shipmentId: 's1',
      lines: [
        { lineId: 'L1', quantity: 2 },
        { lineId: 'L2', quantity: 1 },
      ],
      shippedAt: '2026-11-28T09:00:00Z',
    });
    db = new ProjectionDatabase(join(dir.path, 'journal-under-test.sqlite'));
    runner = new ProjectionRunner(edge.store, db, journalProjection);
    await runner.start();
    await runner.waitFor((await edge.store.readAll()).at(-1)!.globalPosition);
  });
  after(async () => {
    await runner.stop();
    db.close();
    await edge.close();
    dir.remove();
  });

  it('makes the sale a liability, moves the redeemed 25.00 into the customer deposit, and leaves 25.00 on the card', () => {
    const card = journalLines(db).filter((l) => l.role === 'liability.gift-card');
    assert.deepEqual(
      card.map((l) => [l.event_type, l.side, l.amount_minor, l.reference, l.source_ref, l.channel]),
      [
        ['GiftCardSold', 'credit', 5000, 'gc-77', 'payload://pos/gc-77', 'pos'],
        ['OrderPlaced', 'debit', 2500, 'gc-77', 'payload://pos/o-gc-1', 'pos'],
      ],
    );
    assert.deepEqual(
      journalLines(db, 'gift-card-gc-77').map((l) => `${l.side} ${l.role} ${l.amount_minor}`),
      ['debit psp.clearing 5000', 'credit liability.gift-card 5000'],
    );
    assert.deepEqual(postingErrors(db), []);
  });

  it('recognizes the whole order as revenue at shipment, gift card part included', () => {
    const lines = journalLines(db, 'order-o-gc-1');
    const net = (role: string) => lines.filter((l) => l.role === role).reduce((a, l) => a + (l.side === 'credit' ? l.amount_minor : -l.amount_minor), 0);
    assert.deepEqual([net('revenue.merchandise'), net('revenue.shipping'), net('tax.payable'), net('liability.customer-deposits')], [10500, 799, 720, 0]);
  });
});
