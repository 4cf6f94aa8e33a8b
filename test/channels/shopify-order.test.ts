import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelPayloadError } from '../../src/channels/payload-reader';
import { readShopifyOrder } from '../../src/channels/shopify/shopify-order';
import { shopifyOrderTotalsDifferences } from '../../src/channels/shopify/shopify-order-totals';
import { shopifyFixture } from '../support/shopify-fixtures';

const fixture = () => shopifyFixture('orders-create.json');

describe('reading a Shopify orders/create payload', () => {
  it('reads the documented test order in shop money, minor units, ids exact', () => {
    const order = readShopifyOrder(fixture());
    assert.equal(order.orderId, '820982911946154508');
    assert.equal(order.currency, 'USD');
    assert.deepEqual(
      order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.unitPriceMinor, l.discounts.map((d) => d.amountMinor)]),
      [
        ['866550311766439020', 'IPOD2008PINK', 1, 19900, []],
        ['141249953214522974', 'IPOD2008PINK', 1, 19900, [500]],
      ],
    );
    assert.deepEqual(order.shipping, [{ code: 'Generic Shipping', amountMinor: 1000, taxMinor: 0, discountMinor: 0 }]);
    assert.deepEqual(shopifyOrderTotalsDifferences(order), [], 'lines 398.00 - 5.00 + 10.00 shipping = 403.00');
  });

  it('lists every stated total that disagrees with the lines, with both figures', () => {
    const payload = fixture();
    payload.total_price_set.shop_money.amount = '413.00';
    payload.total_discounts_set.shop_money.amount = '0.00';
    const differences = shopifyOrderTotalsDifferences(readShopifyOrder(payload));
    assert.deepEqual(differences, [
      { field: 'total_discounts', computedMinor: 500, statedMinor: 0 },
      { field: 'total_price', computedMinor: 40300, statedMinor: 41300 },
    ]);
  });

  it('books shop money, not the presentment currency', () => {
    const payload = fixture();
    payload.line_items[0].price = '180.00';
    assert.equal(readShopifyOrder(payload).lines[0].unitPriceMinor, 19900);
  });

  it('names the field when a payload is malformed', () => {
    const cases: Array<[(p: Record<string, any>) => void, RegExp]> = [
      [(p) => delete p.line_items, /^line_items: must be a list/],
      [(p) => (p.line_items = []), /^line_items: must have at least one line/],
      [(p) => (p.line_items[1].quantity = -1), /^line_items\[1\]\.quantity: must be a positive integer/],
      [(p) => (p.line_items[0].price_set.shop_money.amount = '19.999'), /^line_items\[0\]\.price_set\.shop_money\.amount: .*more decimals/],
      [(p) => (p.line_items[0].price_set.shop_money.currency_code = 'EUR'), /currency_code: is EUR, the order is in USD/],
      [(p) => (p.currency = 'DOLLARS'), /^currency: must be an ISO 4217/],
      [(p) => (p.line_items[0].id = 'id with spaces'), /^line_items\[0\]\.id: must be an id/],
    ];
    for (const [mutate, message] of cases) {
      const payload = fixture();
      mutate(payload);
      assert.throws(() => readShopifyOrder(payload), (error: unknown) => error instanceof ChannelPayloadError && message.test(error.message));
    }
  });
});
