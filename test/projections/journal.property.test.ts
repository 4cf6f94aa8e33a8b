import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { perUnitShares } from '../../src/money';
import type { OrderCommand, PlaceOrder } from '../../src/order/order.commands';
import { decideOrder } from '../../src/order/order.decide';
import type { OrderEvent } from '../../src/order/order.events';
import { evolveOrder } from '../../src/order/order.evolve';
import { initialOrderState, type OrderState } from '../../src/order/order.state';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { imbalancesOf } from '../../projections/posting/journal-entry';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../order/order.fixtures';
import { postHistory, recorded } from './recorded-history';

const orderShape = fc.record({
  lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 5 }), unitPriceMinor: fc.integer({ min: 1, max: 40_000 }), taxIncluded: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  discounts: fc.array(fc.record({ percent: fc.integer({ min: 0, max: 30 }), vendor: fc.option(fc.constantFrom('acme', 'globex')) }), { maxLength: 3 }),
  taxes: fc.array(fc.record({ line: fc.nat(), rate: fc.constantFrom('8%', '20%', '7.25%'), channelRemitted: fc.boolean() }), { maxLength: 4 }),
  shippingMinor: fc.option(fc.integer({ min: 1, max: 2000 })),
  giftCardPercent: fc.option(fc.integer({ min: 1, max: 100 })),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('ship' as const), line: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('return' as const), line: fc.nat(), quantity: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant('refund' as const), percent: fc.integer({ min: 1, max: 100 }) }),
    ),
    { maxLength: 10 },
  ),
});
type OrderShape = typeof orderShape extends fc.Arbitrary<infer T> ? T : never;

/** Decides commands in turn, skipping the ones the order refuses (shipping more than is left, say). */
function play(commands: OrderCommand[], state = initialOrderState(), events: OrderEvent[] = []): { state: OrderState; events: OrderEvent[] } {
  for (const command of commands) {
    try {
      const decided = decideOrder(command, state);
      state = decided.reduce(evolveOrder, state);
      events.push(...decided);
    } catch (error) {
      if (!(error instanceof BusinessRuleRefusal)) throw error;
    }
  }
  return { state, events };
}

function placeOrder(shape: OrderShape): PlaceOrder {
  const lines = shape.lines.map((l, i) => ({ lineId: `L${i}`, sku: `SKU-${i}`, ...l }));
  const gross = lines.reduce((a, l) => a + l.quantity * l.unitPriceMinor, 0);
  // Each discount takes at most 30% of the order, spread by the decider: three never exceed a line.
  const discounts = shape.discounts.map((d, i) => ({
    promotionId: `promo-${i}`,
    funding: d.vendor === null ? ('retailer' as const) : { vendorId: d.vendor },
    amountMinor: Math.floor((gross * d.percent) / 100),
  }));
  const taxLines = shape.taxes.map((t) => ({ lineId: lines[t.line % lines.length].lineId, rate: t.rate, channelRemitted: t.channelRemitted }));
  const shippingLines = shape.shippingMinor === null ? [] : [{ code: 'STD', amountMinor: shape.shippingMinor }];
  const draft = workedExample({ lines, discounts, taxLines, shippingLines, tenders: [] });
  const [placed] = play([draft]).events;
  assert.ok(placed?.type === 'OrderPlaced', 'the generated order is valid');
  const total = placed.data.totals.totalMinor;
  const giftCard = shape.giftCardPercent === null ? 0 : Math.floor((total * shape.giftCardPercent) / 100);
  const tenders = [
    ...(giftCard > 0 ? [{ kind: 'gift_card' as const, amountMinor: giftCard, reference: 'gc-1' }] : []),
    ...(total - giftCard > 0 ? [{ kind: 'card' as const, amountMinor: total - giftCard }] : []),
  ];
  return { ...draft, tenders };
}

function orderHistory(shape: OrderShape): OrderEvent[] {
  const place = placeOrder(shape);
  const placed = play([place]);
  const cardMinor = (place.tenders ?? []).filter((t) => t.kind === 'card').reduce((a, t) => a + t.amountMinor, 0);
  const paid = cardMinor > 0 ? play([authorize(cardMinor), capture(cardMinor)], placed.state, placed.events) : placed;
  let n = 0;
  const steps = shape.steps.flatMap((step): OrderCommand[] => {
    n += 1;
    if (step.kind === 'refund') return [refund(Math.max(1, Math.floor((cardMinor * step.percent) / 400)), `ref-${n}`)];
    const line = [`L${step.line % shape.lines.length}`, step.quantity] as [string, number];
    return step.kind === 'ship' ? [ship(`s-${n}`, [line])] : [requestReturn(`r-${n}`, [line]), receiveReturn(`r-${n}`)];
  });
  return play(steps, paid.state, paid.events).events;
}

/** Revenue of the units shipped and not returned, from the order lines alone: units go out and come back lowest first. */
function keptRevenue(events: OrderEvent[]): number {
  const placed = events.find((e) => e.type === 'OrderPlaced');
  assert.ok(placed?.type === 'OrderPlaced');
  return placed.data.lines.reduce((sum, line) => {
    const units = (type: 'ShipmentConfirmed' | 'ReturnReceived') =>
      events.flatMap((e) => (e.type === type ? e.data.amounts.lines : [])).filter((p) => p.lineId === line.lineId).reduce((a, p) => a + p.quantity, 0);
    const shares = perUnitShares(line.revenueMinor, line.quantity);
    return sum + shares.slice(units('ReturnReceived'), units('ShipmentConfirmed')).reduce((a, b) => a + b, 0);
  }, 0);
}

describe('journal posting over generated order histories', () => {
  it('balances every entry per currency, and revenue minus returns equals the merchandise shipped and kept', () => {
    const seen = { splitShipments: 0, returns: 0, refunds: 0, giftCards: 0, vendorReversals: 0, channelRemitted: 0 };
    fc.assert(
      fc.property(orderShape, (shape) => {
        const events = orderHistory(shape);
        const postings = postHistory(recorded(events));
        const kinds = postings.flatMap((p) => (p.ok ? [p.entry.kind] : []));
        seen.splitShipments += Number(events.filter((e) => e.type === 'ShipmentConfirmed').length > 1);
        seen.returns += Number(kinds.includes('return-received'));
        seen.refunds += Number(kinds.includes('refund-paid'));
        seen.giftCards += Number(kinds.includes('tender-received'));
        seen.vendorReversals += Number(kinds.includes('vendor-claim-reversal'));
        seen.channelRemitted += Number(postings.some((p) => p.ok && p.entry.lines.some((l) => l.role === 'tax.channel-remitted')));
        for (const posting of postings) assert.ok(posting.ok, posting.ok ? '' : posting.error.message);
        const lines = postings.flatMap((p) => (p.ok ? p.entry.lines : []));
        for (const posting of postings) if (posting.ok) assert.deepEqual(imbalancesOf(posting.entry.lines), []);
        const net = (role: string) => lines.filter((l) => l.role === role).reduce((a, l) => a + (l.side === 'credit' ? l.amountMinor : -l.amountMinor), 0);
        assert.equal(net('revenue.merchandise') + net('revenue.returns'), keptRevenue(events));
        assert.equal(new Set(lines.map((l) => l.lineId)).size, lines.length, 'line ids are unique');
      }),
      { numRuns: 1500 },
    );
    // The generator must actually reach the interesting histories, or the property proves little.
    for (const [what, count] of Object.entries(seen)) assert.ok(count >= 50, `only ${count} of 1500 histories had ${what}`);
  });
});
