import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { allocate } from '../../src/money';
import type { DiscountApplicationInput, OrderCommand, PlaceOrder, TaxLineInput } from '../../src/order/order.commands';
import type { AmountTotals, LinePart, OrderEvent, OrderPlacedData, PostingAmounts } from '../../src/order/order.events';
import { addTotals } from './add-totals';
import { history, receiveReturn, requestReturn, ship, workedExample } from './order.fixtures';

const MAX_LINES = 5;
const MAX_QUANTITY = 7;
const UNITS = MAX_LINES * MAX_QUANTITY;

const orderShape = fc.record({
  lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: MAX_QUANTITY }), unitPriceMinor: fc.integer({ min: 0, max: 50_000 }), taxIncluded: fc.boolean() }), {
    minLength: 1,
    maxLength: MAX_LINES,
  }),
  acrossOrderPercent: fc.option(fc.integer({ min: 0, max: 100 })),
  perLine: fc.array(
    fc.record({ percents: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: MAX_LINES, maxLength: MAX_LINES }), vendor: fc.option(fc.constantFrom('acme', 'globex')) }),
    { maxLength: 2 },
  ),
  taxes: fc.array(
    fc.record({ line: fc.nat(), rate: fc.constantFrom('8%', '20%', '7.25%', '0%'), given: fc.option(fc.integer({ min: 0, max: 5000 })), channelRemitted: fc.boolean() }),
    { maxLength: 6 },
  ),
  shipping: fc.array(fc.record({ amountMinor: fc.integer({ min: 0, max: 2000 }), taxMinor: fc.integer({ min: 0, max: 200 }) }), { maxLength: 2 }),
});

type OrderShape = typeof orderShape extends fc.Arbitrary<infer T> ? T : never;

/** A random but valid order: discounts never exceed a line, included tax is computed, so it fits. */
function toPlaceOrder(shape: OrderShape): PlaceOrder {
  const lines = shape.lines.map((l, i) => ({ lineId: `L${i}`, sku: `SKU-${i}`, ...l }));
  const capacity = lines.map((l) => l.quantity * l.unitPriceMinor);
  const discounts: DiscountApplicationInput[] = [];
  if (shape.acrossOrderPercent !== null) {
    // Spread by the decider; at most half the order, so no line's share can exceed the line.
    const amountMinor = Math.floor((capacity.reduce((a, b) => a + b, 0) * shape.acrossOrderPercent) / 200);
    allocate(amountMinor, capacity).forEach((part, i) => (capacity[i] -= part));
    discounts.push({ promotionId: 'across', code: 'ACROSS', funding: 'retailer', amountMinor });
  }
  shape.perLine.forEach((p, n) => {
    const allocations = lines.map((l, i) => ({ lineId: l.lineId, amountMinor: Math.floor((capacity[i] * p.percents[i]) / 200) }));
    allocations.forEach((a, i) => (capacity[i] -= a.amountMinor));
    const amountMinor = allocations.reduce((a, b) => a + b.amountMinor, 0);
    discounts.push({ promotionId: `line-${n}`, funding: p.vendor === null ? 'retailer' : { vendorId: p.vendor }, amountMinor, allocations });
  });
  const taxLines: TaxLineInput[] = shape.taxes.map((t) => {
    const line = lines[t.line % lines.length];
    return { lineId: line.lineId, rate: t.rate, channelRemitted: t.channelRemitted, ...(t.given !== null && !line.taxIncluded ? { amountMinor: t.given } : {}) };
  });
  const shippingLines = shape.shipping.map((s, i) => ({ code: `SHIP-${i}`, ...s }));
  return workedExample({ lines, discounts, taxLines, shippingLines, tenders: [] });
}

function placedOrder(events: OrderEvent[]): OrderPlacedData {
  const placed = events.find((e) => e.type === 'OrderPlaced');
  return placed?.type === 'OrderPlaced' ? placed.data : assert.fail('no OrderPlaced');
}

const postingsOf = (events: OrderEvent[], type: 'ShipmentConfirmed' | 'ReturnReceived'): PostingAmounts[] => events.flatMap((e) => (e.type === type ? [e.data.amounts] : []));

function assertWholeNonNegative(value: unknown, path: string): void {
  if (typeof value === 'number') assert.ok(Number.isSafeInteger(value) && value >= 0, `${path} is ${value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertWholeNonNegative(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertWholeNonNegative(v, `${path}.${k}`);
}

/** Sums a line's parts: revenue, each promotion's discount and each tax, in the line's order. */
function lineSums(parts: LinePart[], lineId: string): number[] {
  const mine = parts.filter((p) => p.lineId === lineId);
  const width = (pick: (p: LinePart) => number[]) => (mine.length === 0 ? [] : pick(mine[0]).map((_, i) => mine.reduce((a, p) => a + pick(p)[i], 0)));
  return [mine.reduce((a, p) => a + p.revenueMinor, 0), ...width((p) => p.discounts.map((d) => d.amountMinor)), ...width((p) => p.taxes.map((t) => t.amountMinor))];
}

/** Shipments of the units: unit u of line i goes in shipment plan[i * MAX_QUANTITY + u]. */
function shipments(order: PlaceOrder, plan: number[], count: number): OrderCommand[] {
  return Array.from({ length: count }, (_, s) =>
    order.lines.flatMap((l, i) => {
      const units = plan.slice(i * MAX_QUANTITY, i * MAX_QUANTITY + l.quantity).filter((p) => p === s).length;
      return units > 0 ? [[l.lineId, units] as [string, number]] : [];
    }),
  ).flatMap((lines, s) => (lines.length > 0 ? [ship(`s${s}`, lines)] : []));
}

const sumTotals = (postings: PostingAmounts[], zero: AmountTotals): AmountTotals => postings.map((p) => p.totals).reduce(addTotals, zero);
const zeroOf = (totals: AmountTotals): AmountTotals => ({
  revenueMinor: 0,
  discountMinor: 0,
  discounts: totals.discounts.map((d) => ({ ...d, amountMinor: 0 })),
  taxMinor: 0,
  channelRemittedTaxMinor: 0,
  shippingMinor: 0,
  shippingTaxMinor: 0,
  totalMinor: 0,
});

describe('order amounts over random orders (fast-check)', () => {
  it('random split shipments post parts that sum exactly to the order, line by line and in total, never negative', () => {
    const plan = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: UNITS, maxLength: UNITS });
    fc.assert(
      fc.property(orderShape.map(toPlaceOrder), plan, (order, units) => {
        const events = history(order, ...shipments(order, units, 4));
        const placed = placedOrder(events);
        const shipped = postingsOf(events, 'ShipmentConfirmed');
        assertWholeNonNegative(events, 'events');
        assert.deepEqual(sumTotals(shipped, zeroOf(placed.totals)), placed.totals);
        const parts = shipped.flatMap((s) => s.lines);
        for (const line of placed.lines) {
          assert.deepEqual(
            lineSums(parts, line.lineId),
            [line.revenueMinor, ...line.discounts.map((d) => d.amountMinor), ...line.taxes.map((t) => t.amountMinor)],
            `line ${line.lineId}`,
          );
        }
        assert.equal(
          placed.totals.totalMinor,
          placed.totals.revenueMinor - placed.totals.discountMinor + placed.totals.taxMinor + placed.totals.shippingMinor + placed.totals.shippingTaxMinor,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('returns never give back more than was shipped, per line, promotion and tax, and all units returned give back the lines exactly', () => {
    const plan = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: UNITS, maxLength: UNITS });
    const returns = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: UNITS, maxLength: UNITS });
    fc.assert(
      fc.property(orderShape.map(toPlaceOrder), plan, fc.integer({ min: 1, max: 4 }), returns, (order, units, shipmentCount, returnPlan) => {
        const shipping = shipments(order, units, shipmentCount);
        const shippedEvents = history(order, ...shipping);
        const shippedParts = postingsOf(shippedEvents, 'ShipmentConfirmed').flatMap((s) => s.lines);
        const returnCommands = ['r1', 'r2'].flatMap((returnId, r) => {
          const lines = order.lines.flatMap((l) => {
            const shippedUnits = shippedParts.filter((p) => p.lineId === l.lineId).reduce((a, p) => a + p.quantity, 0);
            const start = order.lines.indexOf(l) * MAX_QUANTITY;
            const count = returnPlan.slice(start, start + shippedUnits).filter((p) => p === r + 1).length;
            return count > 0 ? [[l.lineId, count] as [string, number]] : [];
          });
          return lines.length > 0 ? [requestReturn(returnId, lines), receiveReturn(returnId)] : [];
        });
        const events = history(order, ...shipping, ...returnCommands);
        assertWholeNonNegative(events, 'events');
        const returnedParts = postingsOf(events, 'ReturnReceived').flatMap((r) => r.lines);
        for (const line of placedOrder(events).lines) {
          const out = lineSums(shippedParts, line.lineId);
          const back = lineSums(returnedParts, line.lineId);
          back.forEach((amount, i) => assert.ok(amount <= out[i], `line ${line.lineId}: returned ${back.join(', ')} exceeds shipped ${out.join(', ')}`));
          const shippedUnits = shippedParts.filter((p) => p.lineId === line.lineId).reduce((a, p) => a + p.quantity, 0);
          const returnedUnits = returnedParts.filter((p) => p.lineId === line.lineId).reduce((a, p) => a + p.quantity, 0);
          if (returnedUnits === line.quantity && shippedUnits === line.quantity) assert.deepEqual(back, out);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses rather than posts nonsense: any discount beyond a line, or any shipment beyond what is left, is refused', () => {
    fc.assert(
      fc.property(orderShape.map(toPlaceOrder), fc.integer({ min: 1, max: 1000 }), (order, excess) => {
        const line = order.lines[0];
        const gross = line.quantity * line.unitPriceMinor;
        const tooMuch = { promotionId: 'too-much', funding: 'retailer' as const, amountMinor: gross + excess, allocations: [{ lineId: line.lineId, amountMinor: gross + excess }] };
        assert.throws(() => history({ ...order, discounts: [tooMuch] }), { code: 'DISCOUNT_EXCEEDS_LINE_AMOUNT' });
        assert.throws(() => history(order, ship('s', [[line.lineId, line.quantity + excess]])), { code: 'SHIP_QUANTITY_EXCEEDS_REMAINING' });
      }),
      { numRuns: 200 },
    );
  });
});
