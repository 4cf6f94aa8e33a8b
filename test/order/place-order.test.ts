import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderPlacedData } from '../../src/order/order.events';
import { deciderSpec } from '../support/decider-spec';
import { workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);
const placed = (command = workedExample()): OrderPlacedData => {
  const [event] = spec.given([]).when(command).events();
  assert.equal(event.type, 'OrderPlaced');
  return event.data;
};

describe('placing an order', () => {
  it('records DESIGN’s worked example to the cent: discounts by promotion and funding, tax per line, totals 105.19', () => {
    const save10 = { promotionId: 'promo-save10', code: 'SAVE10', funding: 'retailer' as const };
    const vend5 = { promotionId: 'promo-vend5', code: 'VEND5', funding: { vendorId: 'acme' } };
    spec
      .given([])
      .when(workedExample())
      .then([
        {
          type: 'OrderPlaced',
          data: {
            orderId: 'o-1001',
            channel: 'web',
            placedAt: '2026-11-27T10:00:00Z',
            companyCode: 'US01',
            currency: 'USD',
            fulfillment: { type: 'ship' },
            lines: [
              {
                lineId: 'L1',
                sku: 'TEE-RED-M',
                quantity: 2,
                unitPriceMinor: 3000,
                taxIncluded: false,
                grossMinor: 6000,
                revenueMinor: 6000,
                discounts: [{ ...save10, amountMinor: 571 }],
                discountMinor: 571,
                taxes: [{ rate: '8%', amountMinor: 434, channelRemitted: false }],
                taxMinor: 434,
              },
              {
                lineId: 'L2',
                sku: 'HOODIE-GRY-L',
                quantity: 1,
                unitPriceMinor: 4500,
                taxIncluded: false,
                grossMinor: 4500,
                revenueMinor: 4500,
                discounts: [
                  { ...save10, amountMinor: 429 },
                  { ...vend5, amountMinor: 500 },
                ],
                discountMinor: 929,
                taxes: [{ rate: '8%', amountMinor: 286, channelRemitted: false }],
                taxMinor: 286,
              },
            ],
            discounts: [
              {
                ...save10,
                amountMinor: 1000,
                allocations: [
                  { lineId: 'L1', amountMinor: 571 },
                  { lineId: 'L2', amountMinor: 429 },
                ],
              },
              { ...vend5, amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
            ],
            shipping: [{ code: 'STANDARD', amountMinor: 799, taxMinor: 0 }],
            tenders: [{ kind: 'card', amountMinor: 10519, reference: 'pi_123' }],
            totals: {
              revenueMinor: 10500,
              discountMinor: 1500,
              discounts: [
                { ...save10, amountMinor: 1000 },
                { ...vend5, amountMinor: 500 },
              ],
              taxMinor: 720,
              channelRemittedTaxMinor: 0,
              shippingMinor: 799,
              shippingTaxMinor: 0,
              totalMinor: 10519,
            },
            sourceRef: 'payload://web/o-1001',
          },
        },
      ]);
  });

  it('computes a missing tax amount from the rate on the discounted base, half-even (8% of 54.29 = 4.34, of 35.71 = 2.86)', () => {
    const order = placed(
      workedExample({
        taxLines: [
          { lineId: 'L1', rate: '8%' },
          { lineId: 'L2', rate: '0.08' },
        ],
      }),
    );
    assert.deepEqual(
      order.lines.map((l) => l.taxMinor),
      [434, 286],
    );
    assert.equal(order.totals.totalMinor, 10519);
  });

  it('posts channel tax as given, even when a recomputation would differ by a cent', () => {
    const order = placed(
      workedExample({
        taxLines: [
          { lineId: 'L1', rate: '8%', amountMinor: 435 },
          { lineId: 'L2', rate: '8%', amountMinor: 286 },
        ],
        tenders: [],
      }),
    );
    assert.equal(order.totals.taxMinor, 721);
  });

  it('takes a tax-included (VAT) line’s revenue net of the tax inside its discounted price', () => {
    // 1 x 120.00 incl. 20% VAT, 12.00 off: the customer pays 108.00, of which 18.00 is VAT.
    const order = placed(
      workedExample({
        currency: 'EUR',
        lines: [{ lineId: 'V1', sku: 'COAT', quantity: 1, unitPriceMinor: 12000, taxIncluded: true }],
        discounts: [{ promotionId: 'p', funding: 'retailer', amountMinor: 1200 }],
        taxLines: [{ lineId: 'V1', rate: '20%' }],
        shippingLines: [],
        tenders: [{ kind: 'card', amountMinor: 10800 }],
      }),
    );
    assert.deepEqual({ revenue: order.lines[0].revenueMinor, tax: order.lines[0].taxMinor, total: order.totals.totalMinor }, { revenue: 10200, tax: 1800, total: 10800 });
  });

  it('flags marketplace-facilitator tax the channel remits itself, and keeps it in the customer total', () => {
    const order = placed(
      workedExample({
        channel: 'marketplace',
        taxLines: [
          { lineId: 'L1', rate: '8%', amountMinor: 434, channelRemitted: true },
          { lineId: 'L2', rate: '8%', amountMinor: 286, channelRemitted: true },
        ],
      }),
    );
    assert.equal(order.lines[0].taxes[0].channelRemitted, true);
    assert.deepEqual([order.totals.taxMinor, order.totals.channelRemittedTaxMinor, order.totals.totalMinor], [720, 720, 10519]);
  });

  it('keeps gift card tenders visible for the redemption posting, and a pickup order’s store', () => {
    const order = placed(
      workedExample({
        fulfillment: { type: 'pickup', locationId: 'store-12' },
        tenders: [
          { kind: 'gift_card', amountMinor: 5000, reference: 'gc-77' },
          { kind: 'card', amountMinor: 5519 },
        ],
      }),
    );
    assert.deepEqual(order.tenders, [
      { kind: 'gift_card', amountMinor: 5000, reference: 'gc-77' },
      { kind: 'card', amountMinor: 5519 },
    ]);
    assert.deepEqual(order.fulfillment, { type: 'pickup', locationId: 'store-12' });
  });

  it('uses the channel’s own discount allocations when given, in the order’s line order', () => {
    const order = placed(
      workedExample({
        discounts: [
          {
            promotionId: 'p',
            funding: 'retailer',
            amountMinor: 1000,
            allocations: [
              { lineId: 'L2', amountMinor: 400 },
              { lineId: 'L1', amountMinor: 600 },
            ],
          },
        ],
        taxLines: [],
        tenders: [],
      }),
    );
    assert.deepEqual(order.discounts[0].allocations, [
      { lineId: 'L1', amountMinor: 600 },
      { lineId: 'L2', amountMinor: 400 },
    ]);
  });

  it('accepts an order with no discounts, taxes, shipping or tenders', () => {
    const order = placed({ ...workedExample(), discounts: undefined, taxLines: undefined, shippingLines: undefined, tenders: undefined });
    assert.equal(order.totals.totalMinor, 10500);
  });
});
