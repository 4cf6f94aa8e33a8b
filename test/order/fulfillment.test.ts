import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderEvent, PickupConfirmed, ShipmentConfirmed } from '../../src/order/order.events';
import { addTotals } from './add-totals';
import { deciderSpec } from '../support/decider-spec';
import { at, authorize, cancel, capture, history, pickup, refund, release, reserve, ship, voidAuth, workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);
const save10 = { promotionId: 'promo-save10', code: 'SAVE10', funding: 'retailer' as const };
const vend5 = { promotionId: 'promo-vend5', code: 'VEND5', funding: { vendorId: 'acme' } };
const tax = (amountMinor: number) => ({ rate: '8%', amountMinor, channelRemitted: false });
const posted = (events: OrderEvent[]): ShipmentConfirmed['data'] => (events[0] as ShipmentConfirmed).data;

describe('shipping, pickup and cancellation', () => {
  it('posts a full shipment of the worked example: deposits 105.19 + discounts 10.00 / 5.00 = revenue 105.00 + shipping 7.99 + tax 7.20', () => {
    spec
      .given(history(workedExample()))
      .when(
        ship('s1', [
          ['L1', 2],
          ['L2', 1],
        ]),
      )
      .then([
        {
          type: 'ShipmentConfirmed',
          data: {
            shipmentId: 's1',
            shippedAt: at,
            amounts: {
              currency: 'USD',
              companyCode: 'US01',
              lines: [
                { lineId: 'L1', sku: 'TEE-RED-M', firstUnit: 0, quantity: 2, revenueMinor: 6000, discounts: [{ ...save10, amountMinor: 571 }], taxes: [tax(434)] },
                {
                  lineId: 'L2',
                  sku: 'HOODIE-GRY-L',
                  firstUnit: 0,
                  quantity: 1,
                  revenueMinor: 4500,
                  discounts: [
                    { ...save10, amountMinor: 429 },
                    { ...vend5, amountMinor: 500 },
                  ],
                  taxes: [tax(286)],
                },
              ],
              shipping: [{ code: 'STANDARD', amountMinor: 799, taxMinor: 0 }],
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
            },
          },
        },
      ]);
  });

  it('splits a shipment: each part posts its units’ exact shares, shipping goes with the first, and the parts sum to the order', () => {
    const placed = history(workedExample());
    const first = posted(
      spec
        .given(placed)
        .when(ship('s1', [['L1', 1]]))
        .events(),
    );
    const second = posted(
      spec
        .given(history(workedExample(), ship('s1', [['L1', 1]])))
        .when(
          ship('s2', [
            ['L1', 1],
            ['L2', 1],
          ]),
        )
        .events(),
    );

    assert.deepEqual(first.amounts.lines[0], {
      lineId: 'L1',
      sku: 'TEE-RED-M',
      firstUnit: 0,
      quantity: 1,
      revenueMinor: 3000,
      discounts: [{ ...save10, amountMinor: 286 }],
      taxes: [tax(217)],
    });
    assert.deepEqual(first.amounts.shipping, [{ code: 'STANDARD', amountMinor: 799, taxMinor: 0 }]);
    assert.equal(first.amounts.totals.totalMinor, 3000 - 286 + 217 + 799);
    assert.deepEqual(second.amounts.lines[0], {
      lineId: 'L1',
      sku: 'TEE-RED-M',
      firstUnit: 1,
      quantity: 1,
      revenueMinor: 3000,
      discounts: [{ ...save10, amountMinor: 285 }],
      taxes: [tax(217)],
    });
    assert.deepEqual(second.amounts.shipping, []);
    assert.equal(second.amounts.totals.totalMinor, 6000 + 1500 - 285 - 429 - 500 + 217 + 286);

    const order = placed[0].type === 'OrderPlaced' ? placed[0].data : assert.fail('first event is OrderPlaced');
    assert.deepEqual(addTotals(first.amounts.totals, second.amounts.totals), order.totals);
  });

  it('confirms a pickup of every remaining unit at the order’s store, posting like a shipment', () => {
    const pickupOrder = workedExample({ fulfillment: { type: 'pickup', locationId: 'store-12' }, shippingLines: [], tenders: [] });
    const [event] = spec.given(history(pickupOrder)).when(pickup()).events() as PickupConfirmed[];
    assert.equal(event.type, 'PickupConfirmed');
    assert.equal(event.data.locationId, 'store-12');
    assert.deepEqual(
      event.data.amounts.lines.map((l) => [l.lineId, l.firstUnit, l.quantity]),
      [
        ['L1', 0, 2],
        ['L2', 0, 1],
      ],
    );
    assert.equal(event.data.amounts.totals.totalMinor, 10519 - 799);
  });

  it('reserves and releases inventory per location and line', () => {
    spec
      .given(history(workedExample()))
      .when(
        reserve('dc-1', [
          ['L2', 1],
          ['L1', 2],
        ]),
      )
      .then([
        {
          type: 'InventoryReserved',
          data: {
            locationId: 'dc-1',
            lines: [
              { lineId: 'L1', quantity: 2 },
              { lineId: 'L2', quantity: 1 },
            ],
            at,
          },
        },
      ]);
    spec
      .given(history(workedExample(), reserve('dc-1', [['L1', 2]])))
      .when(release('dc-1', [['L1', 1]]))
      .then([{ type: 'InventoryReleased', data: { locationId: 'dc-1', lines: [{ lineId: 'L1', quantity: 1 }], at } }]);
  });

  it('lets a shipped unit’s reservation go, so the rest can be reserved elsewhere', () => {
    spec
      .given(history(workedExample(), reserve('dc-1', [['L1', 2]]), ship('s1', [['L1', 1]])))
      .when(reserve('dc-2', [['L1', 1]]))
      .thenRefuses('RESERVE_QUANTITY_EXCEEDS_REMAINING');
    spec
      .given(history(workedExample(), reserve('dc-1', [['L1', 2]]), ship('s1', [['L1', 1]])))
      .when(release('dc-1', [['L1', 1]]))
      .then([{ type: 'InventoryReleased', data: { locationId: 'dc-1', lines: [{ lineId: 'L1', quantity: 1 }], at } }]);
  });

  it('cancels before anything ships', () => {
    spec
      .given(history(workedExample()))
      .when(cancel('out of stock'))
      .then([{ type: 'OrderCancelled', data: { reason: 'out of stock', at } }]);
  });

  it('after cancellation still releases stock, voids the authorization and refunds a capture', () => {
    const cancelled = history(workedExample(), reserve('dc-1', [['L1', 2]]), authorize(10519), capture(5000), cancel());
    spec
      .given(cancelled)
      .when(release('dc-1', [['L1', 2]]))
      .then([{ type: 'InventoryReleased', data: { locationId: 'dc-1', lines: [{ lineId: 'L1', quantity: 2 }], at } }]);
    spec
      .given(cancelled)
      .when(voidAuth())
      .then([{ type: 'AuthorizationVoided', data: { authorizationId: 'auth-1', voidedMinor: 5519, currency: 'USD', at } }]);
    spec
      .given(cancelled)
      .when(refund(5000))
      .then([{ type: 'RefundIssued', data: { refundId: 'ref-1', amountMinor: 5000, currency: 'USD', at } }]);
  });
});
