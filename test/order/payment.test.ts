import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import { deciderSpec } from '../support/decider-spec';
import { at, authorize, capture, history, refund, requestReturn, ship, voidAuth, workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);

describe('payment: authorize, capture, void, refund', () => {
  it('authorizes up to the order total', () => {
    spec
      .given(history(workedExample()))
      .when(authorize(10519))
      .then([{ type: 'PaymentAuthorized', data: { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at } }]);
  });

  it('captures in parts, drawing on the oldest authorization first', () => {
    const given = history(workedExample(), authorize(6000), authorize(4519, 'auth-2'), capture(5000));
    spec
      .given(given)
      .when(capture(5519, 'cap-2'))
      .then([
        {
          type: 'PaymentCaptured',
          data: {
            captureId: 'cap-2',
            amountMinor: 5519,
            currency: 'USD',
            at,
            fromAuthorizations: [
              { authorizationId: 'auth-1', amountMinor: 1000 },
              { authorizationId: 'auth-2', amountMinor: 4519 },
            ],
          },
        },
      ]);
  });

  it('voids what is left of a partly captured authorization, and a new authorization may replace it', () => {
    spec
      .given(history(workedExample(), authorize(10519), capture(4000)))
      .when(voidAuth())
      .then([{ type: 'AuthorizationVoided', data: { authorizationId: 'auth-1', voidedMinor: 6519, currency: 'USD', at } }]);
    spec
      .given(history(workedExample(), authorize(10519), capture(4000), voidAuth()))
      .when(authorize(6519, 'auth-2'))
      .then([{ type: 'PaymentAuthorized', data: { authorizationId: 'auth-2', amountMinor: 6519, currency: 'USD', at } }]);
  });

  it('refunds up to what was captured, against a return when one is named', () => {
    const given = history(workedExample(), authorize(10519), capture(10519), ship('s1', [['L1', 2]]), requestReturn('r1', [['L1', 1]]), refund(7588, 'ref-0'));
    spec
      .given(given)
      .when(refund(2931, 'ref-1', 'r1'))
      .then([{ type: 'RefundIssued', data: { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at, returnId: 'r1' } }]);
  });
});
