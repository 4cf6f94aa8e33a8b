import { LosslessNumber } from 'lossless-json';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeOrderFromShopify } from '../../src/channels/shopify/place-order-from-shopify';
import { readShopifyOrder } from '../../src/channels/shopify/shopify-order';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderPlacedData } from '../../src/order/order.events';
import { shopifyFixture } from '../support/shopify-fixtures';

const shop = { channel: 'shopify', companyCode: 'US01' };
const place = (command: ReturnType<typeof placeOrderFromShopify>): OrderPlacedData => {
  const { decider } = orderAggregate;
  const [placed] = decider.decide(command, decider.initialState());
  assert.equal(placed.type, 'OrderPlaced');
  return placed.data;
};

describe('Shopify order -> canonical PlaceOrder', () => {
  it('places the documented test order with Shopify’s own totals, ids and discount split', () => {
    const order = readShopifyOrder(shopifyFixture('orders-create.json'));
    const command = placeOrderFromShopify(order, shop, 'channel-payload-abc');
    assert.equal(command.orderId, 'shopify-820982911946154508');
    assert.equal(command.placedAt, '2022-04-06T12:09:03.000Z');
    assert.deepEqual(command.discounts, [
      { promotionId: 'shopify:Discount', code: 'Discount', funding: 'retailer', amountMinor: 500, allocations: [{ lineId: '141249953214522974', amountMinor: 500 }] },
    ]);
    const { totals } = place(command);
    assert.equal(totals.totalMinor, order.totals.totalMinor, 'the order aggregate arrives at Shopify’s total_price');
    assert.equal(totals.discountMinor, 500);
    assert.equal(totals.shippingMinor, 1000);
  });

  it('nets a shipping discount into the shipping charge and posts each tax line as given', () => {
    const payload = shopifyFixture('orders-create.json');
    payload.shipping_lines[0].discount_allocations = [{ amount: '2.00', amount_set: { shop_money: { amount: '2.00', currency_code: 'USD' } }, discount_application_index: 0 }];
    payload.line_items[0].tax_lines = [
      { title: 'State Tax', rate: new LosslessNumber('0.06'), price: '11.94', price_set: { shop_money: { amount: '11.94', currency_code: 'USD' } } },
    ];
    const command = placeOrderFromShopify(readShopifyOrder(payload), shop, 'channel-payload-def');
    assert.deepEqual(command.shippingLines, [{ code: 'Generic Shipping', amountMinor: 800, taxMinor: 0 }]);
    assert.deepEqual(command.taxLines, [{ lineId: '866550311766439020', rate: '0.06', amountMinor: 1194, channelRemitted: false }]);
  });

  it('books a code that matched a promotion as that promotion, with its funding: retailer, or the vendor', () => {
    const order = readShopifyOrder(shopifyFixture('life-orders-create.json'));
    const line = '976318377106520349';
    const retailer = placeOrderFromShopify(order, shop, 'ref', new Map([[0, { promotionId: 'promo-vend10', funding: { source: 'retailer' as const } }]]));
    assert.deepEqual(retailer.discounts, [
      { promotionId: 'promo-vend10', code: 'VEND10', funding: 'retailer', amountMinor: 1000, allocations: [{ lineId: line, amountMinor: 1000 }] },
    ]);
    const vendor = placeOrderFromShopify(
      order,
      shop,
      'ref',
      new Map([[0, { promotionId: 'promo-vend10', funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare: '100%' } }]]),
    );
    assert.deepEqual(vendor.discounts, [
      { promotionId: 'promo-vend10', code: 'VEND10', funding: { vendorId: 'acme' }, amountMinor: 1000, allocations: [{ lineId: line, amountMinor: 1000 }] },
    ]);
    assert.equal(place(vendor).totals.totalMinor, 43925);
  });

  it("splits a vendor's share of a discount as the promotion does (half-even on the whole), the rest retailer-funded, each over the lines as Shopify allocated it", () => {
    const payload = shopifyFixture('orders-create.json');
    // 5.00 across both lines (2.50 each), 33% funded by the vendor: 1.65 (half-even of 1.65), spread 0.83 / 0.82.
    payload.discount_applications = [
      { target_type: 'line_item', type: 'discount_code', value: '5.0', value_type: 'fixed_amount', allocation_method: 'across', target_selection: 'all', code: 'SPLIT5' },
    ];
    payload.line_items[0].discount_allocations = [{ amount: '2.50', discount_application_index: 0 }];
    payload.line_items[1].discount_allocations = [{ amount: '2.50', discount_application_index: 0 }];
    const order = readShopifyOrder(payload);
    const command = placeOrderFromShopify(
      order,
      shop,
      'ref',
      new Map([[0, { promotionId: 'promo-split5', funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare: '33%' } }]]),
    );
    assert.deepEqual(command.discounts, [
      {
        promotionId: 'promo-split5',
        code: 'SPLIT5',
        funding: { vendorId: 'acme' },
        amountMinor: 165,
        allocations: [
          { lineId: '866550311766439020', amountMinor: 83 },
          { lineId: '141249953214522974', amountMinor: 82 },
        ],
      },
      {
        promotionId: 'promo-split5',
        code: 'SPLIT5',
        funding: 'retailer',
        amountMinor: 335,
        allocations: [
          { lineId: '866550311766439020', amountMinor: 167 },
          { lineId: '141249953214522974', amountMinor: 168 },
        ],
      },
    ]);
    const placed = place(command);
    assert.deepEqual(
      placed.totals.discounts.map((d) => [d.promotionId, d.funding, d.amountMinor]),
      [
        ['promo-split5', { vendorId: 'acme' }, 165],
        ['promo-split5', 'retailer', 335],
      ],
    );
    assert.equal(placed.totals.totalMinor, 40300);
  });
});
