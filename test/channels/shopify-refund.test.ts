import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelPayloadError } from '../../src/channels/payload-reader';
import { readShopifyFulfillment } from '../../src/channels/shopify/shopify-fulfillment';
import { readShopifyRefund, returnedLines, shopifyRefundDifference } from '../../src/channels/shopify/shopify-refund';
import { readShopifyTransaction, transactionItems } from '../../src/channels/shopify/shopify-transaction';
import { shopifyFixture } from '../support/shopify-fixtures';

describe('reading Shopify refunds', () => {
  it('reads the published refunds/create sample: line subtotal and tax as JSON numbers, exactly; the currency from shop money (its transactions name none)', () => {
    const refund = readShopifyRefund(shopifyFixture('webhook-refunds-create.json'));
    assert.equal(refund.refundId, '890088186047892319');
    assert.equal(refund.orderId, '820982911946154508');
    assert.equal(refund.currency, 'USD');
    assert.equal(refund.at, '2022-01-01T00:00:00.000Z');
    assert.deepEqual(
      refund.lines.map((l) => [l.lineId, l.quantity, l.subtotalMinor, l.taxMinor, l.restockType]),
      [
        ['487817672276298554', 1, 8999, 0, 'no_restock'],
        ['789012345678901234', 1, 1999, 0, 'no_restock'],
        ['890123456789012345', 1, 2499, 0, 'no_restock'],
        ['976318377106520349', 1, 15999, 0, 'no_restock'],
        ['315789986012684393', 1, 11999, 0, 'no_restock'],
      ],
    );
    assert.equal(refund.refundedMinor, 8500);
    // The sample's lines come to 414.95 against 85.00 refunded: it goes to the queue, naming both.
    assert.deepEqual(shopifyRefundDifference(refund), { computedMinor: 41495, statedMinor: 8500 });
  });

  it('applies the derived refund of a discounted line: 149.99 (159.99 less its 10.00 discount) and 9.0 tax, as numbers, against 158.99 refunded', () => {
    const refund = readShopifyRefund(shopifyFixture('life-refunds-create.json'));
    assert.deepEqual(refund.lines, [{ lineId: '976318377106520349', quantity: 1, subtotalMinor: 14999, taxMinor: 900, restockType: 'return' }]);
    assert.equal(refund.at, '2026-12-02T19:00:00.000Z');
    assert.equal(shopifyRefundDifference(refund), undefined);
  });

  it('counts a shipping refund once: the Admin API books it as a refund shipping line (+5.00) and a shipping_refund adjustment (-5.00)', () => {
    const refund = readShopifyRefund(shopifyFixture('rest-refund-post-shipping-adjustment.json'));
    assert.deepEqual([refund.lines, refund.shippingMinor, refund.adjustmentsMinor, refund.refundedMinor], [[], 500, 0, 500]);
    assert.equal(shopifyRefundDifference(refund), undefined);
    // An older payload without refund shipping lines: the adjustment alone says it, signed as Shopify signs it.
    const older = shopifyFixture('rest-refund-post-shipping-adjustment.json');
    older.refund.refund_shipping_lines = [];
    assert.equal(shopifyRefundDifference(readShopifyRefund(older)), undefined);
  });

  it('returns only units that shipped: lines restocked as `cancel` were never sent and are refunded as money', () => {
    const payload = shopifyFixture('life-refunds-create.json');
    payload.refund_line_items[0].restock_type = 'cancel';
    assert.deepEqual(returnedLines(readShopifyRefund(payload)), []);
  });

  it('reads the 2016 Admin API refund (wrapped, no subtotal): the line priced from its item, its tax in proportion', () => {
    const refund = readShopifyRefund(shopifyFixture('refund.json'));
    assert.deepEqual(
      refund.lines.map((l) => [l.quantity, l.subtotalMinor, l.taxMinor]),
      [
        [1, 19900, 398],
        [1, 19900, 398],
      ],
    );
  });

  it('names a refund time the ledger cannot post', () => {
    const payload = shopifyFixture('life-refunds-create.json');
    payload.processed_at = '2026-12-02T23:59:60Z';
    assert.throws(
      () => readShopifyRefund(payload),
      (e: unknown) => e instanceof ChannelPayloadError && e.path === 'processed_at',
    );
  });
});

describe('reading Shopify transactions and fulfillments', () => {
  it('reads the published order_transactions/create sample: its own id and time (processed_at null: created_at), the amount as written', () => {
    const transaction = readShopifyTransaction(shopifyFixture('webhook-order_transactions-create.json'));
    assert.deepEqual(transaction, {
      transactionId: '120560818172775265',
      orderId: '820982911946154508',
      kind: 'authorization',
      status: 'success',
      amountMinor: 41995,
      currency: 'USD',
      at: '2022-01-01T00:00:00.000Z',
    });
  });

  it("reads the Admin API's transactions list as it comes: a refund of part of a capture of part of an authorization", () => {
    const transactions = transactionItems(shopifyFixture('rest-order-transactions-get.json')).map((t) => readShopifyTransaction(t.value));
    assert.deepEqual(
      transactions.map((t) => [t.transactionId, t.kind, t.status, t.amountMinor, t.parentId]),
      [
        ['179259969', 'refund', 'success', 20900, '801038806'],
        ['389404469', 'authorization', 'success', 59894, undefined],
        ['801038806', 'capture', 'success', 25094, '389404469'],
      ],
    );
  });

  it('reads the published fulfillment sample: units per line, ids exact, status as sent (pending: not shipped yet)', () => {
    for (const topic of ['create', 'update']) {
      const fulfillment = readShopifyFulfillment(shopifyFixture(`webhook-fulfillments-${topic}.json`));
      assert.equal(fulfillment.fulfillmentId, '123456');
      assert.equal(fulfillment.orderId, '820982911946154508');
      assert.equal(fulfillment.status, 'pending');
      assert.deepEqual(
        fulfillment.lines.map((l) => [l.lineId, l.quantity]),
        [
          ['487817672276298554', 1],
          ['789012345678901234', 1],
          ['890123456789012345', 1],
          ['976318377106520349', 1],
          ['315789986012684393', 1],
        ],
      );
    }
    const rest = readShopifyFulfillment(shopifyFixture('rest-order-get.json').order.fulfillments[0], '450789469');
    assert.deepEqual([rest.fulfillmentId, rest.status, rest.lines], ['255858046', 'failure', [{ lineId: '466157049', quantity: 1 }]]);
  });
});
