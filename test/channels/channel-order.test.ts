import { describe, it } from 'node:test';
import { channelOrderDecider } from '../../src/channels/channel-order.aggregate';
import type { ChannelOrderCommand, ChannelTransaction } from '../../src/channels/channel-order.commands';
import type { ChannelOrderEvent } from '../../src/channels/channel-order.events';
import { deciderSpec } from '../support/decider-spec';

const { given } = deciderSpec(channelOrderDecider);
const source = { channel: 'shopify', shop: 'acme.myshopify.com', orderId: 'shopify-77', sourceRef: 'channel-delivery-shopify-wh-1' };
const authorization: ChannelTransaction = { transactionId: '9001', kind: 'authorization', status: 'success', amountMinor: 43925, currency: 'USD', at: '2026-11-27T15:00:05.000Z' };
const lines = [{ lineId: 'L1', quantity: 1 }];
const fulfillment = (status: string) => ({ fulfillmentId: 'F1', status, lines, at: '2026-11-28T14:00:00.000Z' });
const reported = (transaction: ChannelTransaction): ChannelOrderEvent => ({ type: 'ChannelTransactionReported', data: { ...source, ...transaction } });
const fulfilled = (status: string): ChannelOrderEvent => ({ type: 'ChannelFulfillmentReported', data: { ...source, ...fulfillment(status) } });
const recordTransaction = (transaction: ChannelTransaction, sourceRef = source.sourceRef): ChannelOrderCommand => ({
  kind: 'RecordChannelTransaction',
  ...source,
  sourceRef,
  transaction,
});
const recordFulfillment = (status: string): ChannelOrderCommand => ({ kind: 'RecordChannelFulfillment', ...source, fulfillment: fulfillment(status) });

describe('channel-order facts: what a channel reported about one order, each once', () => {
  it('records a transaction once, whichever delivery reports it again', () => {
    given([])
      .when(recordTransaction(authorization))
      .then([reported(authorization)]);
    given([reported(authorization)])
      .when(recordTransaction(authorization, 'channel-delivery-shopify-wh-2'))
      .then([]);
  });

  it('refuses other content under a recorded transaction id, naming each difference: the first record stands', () => {
    given([reported(authorization)])
      .when(recordTransaction({ ...authorization, amountMinor: 40000 }))
      .thenRefuses('CHANNEL_TRANSACTION_CONFLICT', { transactionId: '9001', differences: [{ field: 'amountMinor', recorded: 43925, delivered: 40000 }] });
  });

  it('records a fulfillment at each later status; an earlier status arriving late is old news', () => {
    given([])
      .when(recordFulfillment('pending'))
      .then([fulfilled('pending')]);
    given([fulfilled('pending')])
      .when(recordFulfillment('success'))
      .then([fulfilled('success')]);
    given([fulfilled('success')])
      .when(recordFulfillment('pending'))
      .then([]);
    given([fulfilled('success')])
      .when(recordFulfillment('success'))
      .then([]);
  });

  it('refuses a fulfillment reported both shipped and cancelled (either order): goods that left come back as a return', () => {
    given([fulfilled('success')])
      .when(recordFulfillment('cancelled'))
      .thenRefuses('CHANNEL_FULFILLMENT_REVERSED', { recorded: 'success', delivered: 'cancelled' });
    given([fulfilled('cancelled')])
      .when(recordFulfillment('success'))
      .thenRefuses('CHANNEL_FULFILLMENT_REVERSED', { recorded: 'cancelled', delivered: 'success' });
    given([fulfilled('pending')])
      .when({ kind: 'RecordChannelFulfillment', ...source, fulfillment: { ...fulfillment('success'), lines: [{ lineId: 'L1', quantity: 2 }] } })
      .thenRefuses('CHANNEL_FULFILLMENT_CONFLICT');
  });

  it('records the cancellation once, and a payment status only when it claims more than before', () => {
    const cancelled: ChannelOrderEvent = { type: 'ChannelCancellationReported', data: { ...source, reason: 'customer', at: '2026-11-27T16:00:00.000Z' } };
    given([])
      .when({ kind: 'RecordChannelCancellation', ...source, reason: 'customer', at: '2026-11-27T16:00:00.000Z' })
      .then([cancelled]);
    given([cancelled])
      .when({ kind: 'RecordChannelCancellation', ...source, reason: 'other', at: '2026-11-27T17:00:00.000Z' })
      .then([]);

    const payment = (status: string, capturedMinor: number) => ({ status, authorizedMinor: 43925, capturedMinor, currency: 'USD', at: '2026-11-27T15:00:00.000Z' });
    const claimed = (status: string, capturedMinor: number): ChannelOrderEvent => ({
      type: 'ChannelPaymentStatusReported',
      data: { ...source, ...payment(status, capturedMinor) },
    });
    given([])
      .when({ kind: 'RecordChannelPaymentStatus', ...source, payment: payment('authorized', 0) })
      .then([claimed('authorized', 0)]);
    given([claimed('authorized', 0)])
      .when({ kind: 'RecordChannelPaymentStatus', ...source, payment: payment('paid', 43925) })
      .then([claimed('paid', 43925)]);
    given([claimed('paid', 43925)])
      .when({ kind: 'RecordChannelPaymentStatus', ...source, payment: payment('authorized', 0) })
      .then([]);
  });
});
