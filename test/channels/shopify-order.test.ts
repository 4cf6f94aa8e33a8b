import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelPayloadError } from '../../src/channels/payload-reader';
import { readShopifyOrder } from '../../src/channels/shopify/shopify-order';
import { shopifyOrderTotalsDifferences } from '../../src/channels/shopify/shopify-order-totals';
import { paymentClaim } from '../../src/channels/shopify/shopify-payment-status';
import { shopifyFixture } from '../support/shopify-fixtures';

describe('reading a Shopify order body', () => {
  it('reads the documented test order in shop money, minor units, ids exact', () => {
    const order = readShopifyOrder(shopifyFixture('orders-create.json'));
    assert.equal(order.orderId, '820982911946154508');
    assert.equal(order.currency, 'USD');
    assert.deepEqual(
      order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.unitPriceMinor, l.discounts.map((d) => d.amountMinor)]),
      [
        ['866550311766439020', 'IPOD2008PINK', 1, 19900, []],
        ['141249953214522974', 'IPOD2008PINK', 1, 19900, [500]],
      ],
    );
    assert.deepEqual(
      order.shipping.map(({ discounts: _, ...s }) => s),
      [{ code: 'Generic Shipping', amountMinor: 1000, taxMinor: 0, discountMinor: 0 }],
    );
    assert.deepEqual(shopifyOrderTotalsDifferences(order), [], 'lines 398.00 - 5.00 + 10.00 shipping = 403.00');
  });

  it('reads the 2026-07 published sample (every orders/* topic sends it), and names each of its totals that does not add up', () => {
    for (const topic of ['create', 'paid', 'updated', 'cancelled']) {
      const order = readShopifyOrder(shopifyFixture(`webhook-orders-${topic}.json`));
      assert.equal(order.orderId, '820982911946154508');
      assert.equal(order.placedAt, '2022-01-01T00:00:00.000Z', '-05:00 read into UTC');
      assert.deepEqual(order.cancellation, { at: '2022-01-01T00:00:00.000Z', reason: 'customer' });
      assert.equal(order.financialStatus, 'voided');
      assert.deepEqual(shopifyOrderTotalsDifferences(order), [
        { field: 'subtotal_price', computedMinor: 41495, statedMinor: 40495 },
        { field: 'total_discounts', computedMinor: 0, statedMinor: 2000 },
        { field: 'total_price', computedMinor: 42495, statedMinor: 40495 },
      ]);
    }
  });

  it('reads the Admin API order (wrapped in "order"), and names its subtotal_price, stated before discounts', () => {
    const order = readShopifyOrder(shopifyFixture('rest-order-get.json'));
    assert.equal(order.orderId, '450789469');
    assert.deepEqual(order.discountApplications, [{ index: 0, type: 'discount_code', label: 'TENOFF' }]);
    assert.deepEqual(order.discountCodes, [{ code: 'TENOFF', amountMinor: 1000 }]);
    assert.deepEqual(shopifyOrderTotalsDifferences(order), [{ field: 'subtotal_price', computedMinor: 58700, statedMinor: 59700 }]);
    assert.deepEqual(paymentClaim(order), { status: 'partially_refunded', authorizedMinor: 59894, capturedMinor: 59894 });
  });

  it('reads the derived whole-life order: a discount code on one line, 6% tax, shipping, adding up to 439.25', () => {
    const order = readShopifyOrder(shopifyFixture('life-orders-create.json'));
    assert.deepEqual(shopifyOrderTotalsDifferences(order), []);
    assert.equal(order.totals.totalMinor, 43925);
    assert.deepEqual(paymentClaim(order), { status: 'authorized', authorizedMinor: 43925, capturedMinor: 0 });
    assert.deepEqual(paymentClaim(readShopifyOrder(shopifyFixture('life-orders-paid.json'))), { status: 'paid', authorizedMinor: 43925, capturedMinor: 43925 });
  });

  it('lists every stated total that disagrees with the lines, naming the field with both figures: subtotal, discounts, each code, total', () => {
    const payload = shopifyFixture('life-orders-create.json');
    payload.total_price_set.shop_money.amount = '449.25';
    payload.subtotal_price_set.shop_money.amount = '414.95';
    payload.total_discounts_set.shop_money.amount = '0.00';
    payload.discount_codes[0].amount = '12.00';
    assert.deepEqual(shopifyOrderTotalsDifferences(readShopifyOrder(payload)), [
      { field: 'subtotal_price', computedMinor: 40495, statedMinor: 41495 },
      { field: 'total_discounts', computedMinor: 1000, statedMinor: 0 },
      { field: 'discount_codes[0].amount', computedMinor: 1000, statedMinor: 1200 },
      { field: 'total_price', computedMinor: 43925, statedMinor: 44925 },
    ]);
    // A code the customer entered that took nothing off anywhere, against total_discounts 0.00.
    const unapplied = shopifyFixture('orders-create.json');
    unapplied.discount_codes = [{ code: 'SPRING', amount: '10.00', type: 'fixed_amount' }];
    assert.deepEqual(shopifyOrderTotalsDifferences(readShopifyOrder(unapplied)), [{ field: 'discount_codes[0].amount', computedMinor: 0, statedMinor: 1000 }]);
  });

  it('books shop money, not the presentment currency', () => {
    const payload = shopifyFixture('orders-create.json');
    payload.line_items[0].price = '180.00';
    assert.equal(readShopifyOrder(payload).lines[0].unitPriceMinor, 19900);
  });

  it('names the field when a payload is malformed, times included (a leap second, an offset of +25:00)', () => {
    const cases: Array<[(p: Record<string, any>) => void, RegExp]> = [
      [(p) => delete p.line_items, /^line_items: must be a list/],
      [(p) => (p.line_items = []), /^line_items: must have at least one line/],
      [(p) => (p.line_items[1].quantity = -1), /^line_items\[1\]\.quantity: must be a positive integer/],
      [(p) => (p.line_items[0].price_set.shop_money.amount = '19.999'), /^line_items\[0\]\.price_set\.shop_money\.amount: .*more decimals/],
      [(p) => (p.line_items[0].price_set.shop_money.currency_code = 'EUR'), /currency_code: is EUR, the order is in USD/],
      [(p) => (p.currency = 'DOLLARS'), /^currency: must be an ISO 4217/],
      [(p) => (p.line_items[0].id = 'id with spaces'), /^line_items\[0\]\.id: must be a numeric id/],
      [(p) => (p.processed_at = '2026-11-27T23:59:60Z'), /^processed_at: must be an ISO 8601 timestamp/],
      [(p) => (p.processed_at = '2026-11-27T09:30:00+25:00'), /^processed_at: must be an ISO 8601 timestamp/],
      [(p) => (p.line_items[1].discount_allocations[0].discount_application_index = 3), /discount_application_index: names no discount application/],
    ];
    for (const [mutate, message] of cases) {
      const payload = shopifyFixture('orders-create.json');
      mutate(payload);
      assert.throws(
        () => readShopifyOrder(payload),
        (error: unknown) => error instanceof ChannelPayloadError && message.test(error.message),
        String(message),
      );
    }
  });
});
