import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchTransaction, type OrderPayment } from '../../../projections/finance/settlement-reconciliation/transaction-match';

const capture = (paymentId: string, amountMinor = 10519): OrderPayment => ({ kind: 'capture', paymentId, amountMinor, currency: 'USD' });
const refund = (paymentId: string, amountMinor = 2931): OrderPayment => ({ kind: 'refund', paymentId, amountMinor, currency: 'USD' });

describe('matching a payout transaction to an order payment', () => {
  it('matches a refund to the named refund, and says so when the order has no such refund', () => {
    assert.deepEqual(matchTransaction({ type: 'refund', orderId: 'o-1', refundId: 're-1' }, [capture('cap-1'), refund('re-1')]), {
      status: 'matched',
      orderId: 'o-1',
      refundId: 're-1',
      orderAmountMinor: 2931,
    });
    assert.deepEqual(matchTransaction({ type: 'refund', orderId: 'o-1', refundId: 're-9' }, [refund('re-1')]), { status: 'unmatched', reason: 'refund-not-found', orderId: 'o-1' });
    assert.deepEqual(matchTransaction({ type: 'refund', orderId: 'o-1' }, [capture('cap-1')]), { status: 'unmatched', reason: 'no-refund-on-order', orderId: 'o-1' });
  });

  it('matches a chargeback or dispute to the order it reverses, which must have been captured', () => {
    assert.deepEqual(matchTransaction({ type: 'chargeback', orderId: 'o-1' }, [capture('cap-1')]), {
      status: 'matched',
      orderId: 'o-1',
      captureId: 'cap-1',
      orderAmountMinor: 10519,
    });
    assert.deepEqual(matchTransaction({ type: 'dispute_won', orderId: 'o-1' }, []), { status: 'unmatched', reason: 'no-capture-on-order', orderId: 'o-1' });
  });

  it('matches to the order only, without picking one, when it has several captures and none is named', () => {
    assert.deepEqual(matchTransaction({ type: 'charge', orderId: 'o-1' }, [capture('cap-1', 5000), capture('cap-2', 5519)]), { status: 'matched', orderId: 'o-1' });
  });

  it('leaves fees and adjustments out of matching, even with an order named', () => {
    assert.deepEqual(matchTransaction({ type: 'adjustment', orderId: 'o-1' }, [capture('cap-1')]), { status: 'not-applicable' });
    assert.deepEqual(matchTransaction({ type: 'fee' }, []), { status: 'not-applicable' });
  });
});
