import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderEvent, ShipmentConfirmed } from '../../../src/order/order.events';
import type { JournalEntry } from '../../../src/ledger/posting/journal-entry';
import { postOrderEvent } from '../../../src/ledger/posting/order-posting.rules';
import { authorize, capture, history, pickup, receiveReturn, refund, requestReturn, ship, workedExample } from '../../order/order.fixtures';
import { entriesOf, postHistory, recorded } from './recorded-history';

const linesOf = (entries: JournalEntry[], kind: JournalEntry['kind']) =>
  entries.filter((e) => e.kind === kind).flatMap((e) => e.lines.map((l) => `${l.side} ${l.role} ${l.amountMinor}${l.reference ? ` ${l.reference}` : ''}`));

describe('order posting rules', () => {
  it('keeps marketplace-remitted tax out of tax.payable: it goes to tax.channel-remitted, and comes back from there on return', () => {
    const remitted = workedExample({
      taxLines: [
        { lineId: 'L1', rate: '8%', amountMinor: 434, channelRemitted: true },
        { lineId: 'L2', rate: '8%', amountMinor: 286 },
      ],
    });
    const entries = entriesOf(
      postHistory(
        recorded(
          history(
            remitted,
            ship('s1', [
              ['L1', 2],
              ['L2', 1],
            ]),
            requestReturn('r1', [['L1', 1]]),
            receiveReturn('r1'),
          ),
        ),
      ),
    );
    assert.deepEqual(linesOf(entries, 'revenue-recognized'), [
      'debit liability.customer-deposits 10519 s1',
      'debit discount.retailer 1000',
      'debit discount.vendor 500',
      'credit revenue.merchandise 10500 s1',
      'credit revenue.shipping 799 s1',
      'credit tax.payable 286 s1',
      'credit tax.channel-remitted 434 s1',
    ]);
    assert.deepEqual(linesOf(entries, 'return-received'), [
      'debit revenue.returns 3000 r1',
      'debit tax.channel-remitted 217 r1',
      'credit discount.retailer 286',
      'credit liability.refunds-payable 2931 r1',
    ]);
  });

  it('moves a gift card redemption from the gift card liability into the customer deposit when the order is placed', () => {
    const placed = workedExample({
      tenders: [
        { kind: 'gift_card', amountMinor: 2500, reference: 'gc-77' },
        { kind: 'card', amountMinor: 8019 },
      ],
    });
    const entries = entriesOf(
      postHistory(
        recorded(
          history(
            placed,
            authorize(8019),
            capture(8019),
            ship('s1', [
              ['L1', 2],
              ['L2', 1],
            ]),
          ),
        ),
      ),
    );
    assert.deepEqual(linesOf(entries, 'tender-received'), ['debit liability.gift-card 2500 gc-77', 'credit liability.customer-deposits 2500 gc-77']);
    // Revenue recognition is the same rule whatever the tender: the deposit then holds card and gift card money alike.
    const deposits = entries.flatMap((e) => e.lines).filter((l) => l.role === 'liability.customer-deposits');
    assert.equal(
      deposits.reduce((a, l) => a + (l.side === 'credit' ? l.amountMinor : -l.amountMinor), 0),
      0,
      'the deposit is used up at shipment',
    );
  });

  it('puts cash taken at the register in register clearing, which the register close then clears', () => {
    const sale = workedExample({ fulfillment: { type: 'pickup', locationId: 'store-9' }, tenders: [{ kind: 'cash', amountMinor: 10519 }] });
    const entries = entriesOf(postHistory(recorded(history(sale, pickup()))));
    assert.deepEqual(linesOf(entries, 'tender-received'), ['debit cash.register-clearing 10519', 'credit liability.customer-deposits 10519']);
    assert.deepEqual(linesOf(entries, 'revenue-recognized')[0], 'debit liability.customer-deposits 10519 pick-1', 'a pickup recognizes revenue like a shipment');
  });

  it('reverses the vendor claim with a returned vendor-funded unit', () => {
    const entries = entriesOf(
      postHistory(
        recorded(
          history(
            workedExample(),
            ship('s1', [
              ['L1', 2],
              ['L2', 1],
            ]),
            requestReturn('r1', [['L2', 1]]),
            receiveReturn('r1'),
          ),
        ),
      ),
    );
    assert.deepEqual(linesOf(entries, 'vendor-claim-reversal'), ['debit cogs.vendor-funding 500', 'credit receivable.vendor-promo 500']);
    assert.equal(entries.find((e) => e.kind === 'vendor-claim-reversal')?.lines[1].vendorId, 'acme');
  });

  it('pays a refund without a return out of the customer deposit (a cancelled order gives back what it never earned)', () => {
    const entries = entriesOf(
      postHistory(recorded(history(workedExample(), authorize(10519), capture(10519), { kind: 'CancelOrder', reason: 'x', at: '2026-11-28T09:00:00Z' }, refund(10519)))),
    );
    assert.deepEqual(linesOf(entries, 'refund-paid'), ['debit liability.customer-deposits 10519 ref-1', 'credit psp.clearing 10519 ref-1']);
  });

  it('returns an entry that does not balance as an error, never a plugged entry', () => {
    const [placed, shipped] = recorded(
      history(
        workedExample(),
        ship('s1', [
          ['L1', 2],
          ['L2', 1],
        ]),
      ),
    );
    const tampered = structuredClone(shipped) as typeof shipped & ShipmentConfirmed;
    tampered.data.amounts.totals.totalMinor -= 1;
    const [revenue] = postOrderEvent(tampered, { orderId: 'o-1001', companyCode: 'US01', currency: 'USD', sourceRef: 'payload://web/o-1001' });
    assert.equal(revenue.ok, false);
    assert.deepEqual(!revenue.ok && [revenue.error.reason, revenue.error.entryId, revenue.error.imbalances], [
      'unbalanced',
      `${shipped.eventId}/revenue-recognized`,
      [{ currency: 'USD', debitMinor: 12018, creditMinor: 12019 }],
    ]);
    assert.ok(placed.type === 'OrderPlaced');
  });

  it('refuses to post an order event whose order it has never seen, on the day the fact names', () => {
    const [authorized, captured] = recorded(history(workedExample(), authorize(10519), capture(10519))).slice(1);
    const [posting] = postOrderEvent(captured, undefined);
    assert.ok(captured.type === 'PaymentCaptured');
    assert.deepEqual(!posting.ok && [posting.error.reason, posting.error.companyCode, posting.error.postingDate], ['unknown-order', null, captured.data.at.slice(0, 10)]);
    assert.deepEqual(postOrderEvent(authorized, undefined), [], 'an authorization posts nothing, order or not: nothing to refuse');
  });

  it('derives the same entry and line ids from the same events, every time', () => {
    const events: OrderEvent[] = history(
      workedExample(),
      authorize(10519),
      capture(10519),
      ship('s1', [
        ['L1', 2],
        ['L2', 1],
      ]),
    );
    const ids = () => entriesOf(postHistory(recorded(events))).flatMap((e) => [e.entryId, ...e.lines.map((l) => l.lineId)]);
    assert.deepEqual(ids(), ids());
    assert.ok(ids().includes('order-o-1001-e2/payment-captured/1'));
  });

  it('names the order as the source of every entry it posts, with its company code', () => {
    const entries = entriesOf(
      postHistory(
        recorded(
          history(
            workedExample(),
            authorize(10519),
            capture(10519),
            ship('s1', [
              ['L1', 2],
              ['L2', 1],
            ]),
          ),
        ),
      ),
    );
    assert.deepEqual([...new Set(entries.map((e) => `${e.sourceType} ${e.sourceId} ${e.companyCode}`))], ['order o-1001 US01']);
  });
});
