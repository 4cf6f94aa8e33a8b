import { describe, it } from 'node:test';
import { businessErrorDecider } from '../../src/channels/business-errors.aggregate';
import type { BusinessError, BusinessErrorEvent } from '../../src/channels/business-errors.events';
import { deciderSpec } from '../support/decider-spec';

const { given } = deciderSpec(businessErrorDecider);
const error: BusinessError = {
  channel: 'shopify',
  deliveryId: 'wh-1',
  topic: 'orders/create',
  sourceRef: 'channel-delivery-shopify-wh-1',
  reason: 'TOTALS_DO_NOT_ADD_UP',
  message: 'the stated totals do not match the lines',
  details: { differences: [{ field: 'total_price', statedMinor: 41300, computedMinor: 40300 }] },
  recordedAt: '2026-11-27T10:00:00.000Z',
};
const rejected: BusinessErrorEvent = { type: 'ChannelPayloadRejected', data: error };
const by = 'ops-alice';
const at = '2026-11-28T09:00:00.000Z';

describe('business-error entries: recorded once, reprocessed or dismissed while open', () => {
  it('records a delivery once', () => {
    given([]).when({ kind: 'RecordBusinessError', error }).then([rejected]);
    given([rejected])
      .when({ kind: 'RecordBusinessError', error: { ...error, message: 'again' } })
      .then([]);
  });

  it('records each reprocessing with its outcome: refused again (with the reason now) keeps it open, resolved closes it', () => {
    const again = { status: 'rejected' as const, reason: 'REFUSED_BY_RULES' as const, message: 'promotion budget exceeded', details: { code: 'PROMOTION_BUDGET_EXCEEDED' } };
    const stillOpen: BusinessErrorEvent = { type: 'BusinessErrorReprocessed', data: { outcome: again, by, at } };
    given([rejected]).when({ kind: 'RecordReprocessing', outcome: again, by, at }).then([stillOpen]);
    const resolved: BusinessErrorEvent = { type: 'BusinessErrorReprocessed', data: { outcome: { status: 'resolved', answer: { orderId: 'shopify-1' } }, by, at } };
    given([rejected, stillOpen])
      .when({ kind: 'RecordReprocessing', outcome: { status: 'resolved', answer: { orderId: 'shopify-1' } }, by, at })
      .then([resolved]);
    given([rejected, resolved]).when({ kind: 'DismissBusinessError', reason: 'late', by, at }).thenRefuses('BUSINESS_ERROR_CLOSED', { status: 'resolved' });
  });

  it('dismisses an open entry with the reason, once', () => {
    const dismissed: BusinessErrorEvent = { type: 'BusinessErrorDismissed', data: { reason: 'a test order', by, at } };
    given([rejected]).when({ kind: 'DismissBusinessError', reason: 'a test order', by, at }).then([dismissed]);
    given([rejected, dismissed])
      .when({ kind: 'RecordReprocessing', outcome: { status: 'resolved', answer: {} }, by, at })
      .thenRefuses('BUSINESS_ERROR_CLOSED', { status: 'dismissed' });
    given([]).when({ kind: 'DismissBusinessError', reason: 'x', by, at }).thenRefuses('BUSINESS_ERROR_NOT_FOUND');
  });
});
