import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeOrderFromShopify } from '../../src/channels/shopify/place-order-from-shopify';
import { readShopifyOrder } from '../../src/channels/shopify/shopify-order';
import { orderAggregate } from '../../src/order/order.aggregate';
import { shopifyFixture } from '../support/shopify-fixtures';

const shop = { channel: 'shopify', companyCode: 'US01' };

describe('Shopify order -> canonical PlaceOrder', () => {
  it('places the documented test order with Shopify’s own totals, ids and discount split', () => {
    const order = readShopifyOrder(shopifyFixture('orders-create.json'));
    const command = placeOrderFromShopify(order, shop, 'channel-payload-abc');
    assert.equal(command.orderId, 'shopify-820982911946154508');
    assert.equal(command.placedAt, '2022-04-06T12:09:03.000Z');
    assert.deepEqual(command.discounts, [
      { promotionId: 'shopify:Discount', code: 'Discount', funding: 'retailer', amountMinor: 500, allocations: [{ lineId: '141249953214522974', amountMinor: 500 }] },
    ]);

    const { decider } = orderAggregate;
    const [placed] = decider.decide(command, decider.initialState());
    assert.equal(placed.type, 'OrderPlaced');
    const totals = (placed.data as { totals: { totalMinor: number; discountMinor: number; shippingMinor: number } }).totals;
    assert.equal(totals.totalMinor, order.totals.totalMinor, 'the order aggregate arrives at Shopify’s total_price');
    assert.equal(totals.discountMinor, 500);
    assert.equal(totals.shippingMinor, 1000);
  });

  it('nets a shipping discount into the shipping charge and posts each tax line as given', () => {
    const payload = shopifyFixture('orders-create.json') as Record<string, any>;
    payload.shipping_lines[0].discount_allocations = [{ amount: '2.00', amount_set: { shop_money: { amount: '2.00', currency_code: 'USD' } }, discount_application_index: 0 }];
    payload.line_items[0].tax_lines = [{ title: 'State Tax', rate: 0.06, price: '11.94', price_set: { shop_money: { amount: '11.94', currency_code: 'USD' } } }];
    const command = placeOrderFromShopify(readShopifyOrder(payload), shop, 'channel-payload-def');
    assert.deepEqual(command.shippingLines, [{ code: 'Generic Shipping', amountMinor: 800, taxMinor: 0 }]);
    assert.deepEqual(command.taxLines, [{ lineId: '866550311766439020', rate: '0.06', amountMinor: 1194, channelRemitted: false }]);
  });
});
