import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import type { OrderPlacedData } from '../../src/order/order.events';
import { deciderSpec } from '../support/decider-spec';
import { history, workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);
const CANCELLED_AT = '2026-11-28T12:00:00Z';
const cancelledAt = (channelCaptures: boolean) =>
  history(workedExample({ capturedByChannel: channelCaptures }), { kind: 'CancelOrder', reason: 'cancelled in the channel: customer', at: CANCELLED_AT });
const authorizeAt = (at: string): OrderCommand => ({ kind: 'AuthorizePayment', authorizationId: 'txn-1', amountMinor: 10519, currency: 'USD', at });

describe('orders whose channel records its own payments', () => {
  it('records a payment the channel made before the cancellation even when it is reported after it (webhooks come in any order)', () => {
    spec
      .given(cancelledAt(true))
      .when(authorizeAt('2026-11-28T11:59:00Z'))
      .then([{ type: 'PaymentAuthorized', data: { authorizationId: 'txn-1', amountMinor: 10519, currency: 'USD', at: '2026-11-28T11:59:00Z' } }]);
    spec.given(cancelledAt(true)).when(authorizeAt('2026-11-28T12:00:01Z')).thenRefuses('ORDER_CANCELLED');
    spec.given(cancelledAt(false)).when(authorizeAt('2026-11-28T11:59:00Z')).thenRefuses('ORDER_CANCELLED');
  });

  it('takes a promotion funded in part by a vendor as two applications, the vendor’s share and the retailer’s rest, whose totals stay apart', () => {
    const [placed] = history(
      workedExample({
        discounts: [
          { promotionId: 'promo-half', code: 'HALF', funding: { vendorId: 'acme' }, amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
          { promotionId: 'promo-half', code: 'HALF', funding: 'retailer', amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
        ],
        tenders: [],
      }),
    );
    const data = placed.data as OrderPlacedData;
    assert.deepEqual(
      data.totals.discounts.map((d) => [d.promotionId, d.funding, d.amountMinor]),
      [
        ['promo-half', { vendorId: 'acme' }, 500],
        ['promo-half', 'retailer', 500],
      ],
    );
    spec
      .given([])
      .when(
        workedExample({
          discounts: [
            { promotionId: 'promo-half', funding: 'retailer', amountMinor: 500 },
            { promotionId: 'promo-half', funding: 'retailer', amountMinor: 500 },
          ],
        }),
      )
      .thenRefuses('DUPLICATE_DISCOUNT_APPLICATION', { promotionId: 'promo-half' });
  });
});
