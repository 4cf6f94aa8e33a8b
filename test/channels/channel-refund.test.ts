import { describe, it } from 'node:test';
import { channelRefundDecider } from '../../src/channels/channel-refund.aggregate';
import type { RecordChannelRefund } from '../../src/channels/channel-refund.commands';
import type { ChannelRefundEvent } from '../../src/channels/channel-refund.events';
import { deciderSpec } from '../support/decider-spec';

const { given } = deciderSpec(channelRefundDecider);

const record: RecordChannelRefund = {
  kind: 'RecordChannelRefund',
  channel: 'shopify',
  shop: 'acme.myshopify.com',
  refundId: '9001',
  orderId: 'shopify-1001',
  returnId: 'shopify-refund-9001',
  lines: [{ lineId: 'L1', quantity: 1 }],
  refundedMinor: 2931,
  currency: 'USD',
  at: '2026-11-28T09:30:00.000Z',
  sourceRef: 'channel-delivery-shopify-wh-1',
};
const received: ChannelRefundEvent = {
  type: 'ChannelRefundReceived',
  data: {
    channel: 'shopify',
    shop: 'acme.myshopify.com',
    refundId: '9001',
    orderId: 'shopify-1001',
    returnId: 'shopify-refund-9001',
    lines: [{ lineId: 'L1', quantity: 1 }],
    refundedMinor: 2931,
    currency: 'USD',
    at: '2026-11-28T09:30:00.000Z',
    sourceRef: 'channel-delivery-shopify-wh-1',
  },
};

describe('channel refund', () => {
  it('records the refund the channel paid, with the delivery that carried it', () => {
    given([]).when(record).then([received]);
  });

  it('records the same refund delivered again, under another delivery, nothing new: the first record stands', () => {
    given([received])
      .when({ ...record, sourceRef: 'channel-delivery-shopify-wh-2' })
      .then([]);
  });

  it('records nothing for a redelivery of a fact the previous version recorded (no command id, with appliedAtEdge)', () => {
    given([{ ...received, data: { ...received.data, appliedAtEdge: true } }])
      .when(record)
      .then([]);
  });
});

describe('channel refund: refusals (nothing is recorded)', () => {
  it('refuses other content under a refund id already recorded, naming what differs', () => {
    given([received])
      .when({ ...record, refundedMinor: 3100 })
      .thenRefuses('CHANNEL_REFUND_CONFLICT', {
        refundId: '9001',
        differences: [{ field: 'refundedMinor', recorded: 2931, delivered: 3100 }],
      });
    given([received])
      .when({ ...record, lines: [{ lineId: 'L1', quantity: 2 }] })
      .thenRefuses('CHANNEL_REFUND_CONFLICT', {
        differences: [{ field: 'lines', recorded: [{ lineId: 'L1', quantity: 1 }], delivered: [{ lineId: 'L1', quantity: 2 }] }],
      });
    given([received])
      .when({ ...record, orderId: 'shopify-2002' })
      .thenRefuses('CHANNEL_REFUND_CONFLICT');
  });
});
