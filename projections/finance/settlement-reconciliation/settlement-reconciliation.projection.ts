import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import type { OrderEvent } from '../../../src/order/order.events';
import type { SettlementEvent } from '../../../src/settlement/settlement.events';
import type { Projection, ProjectionWriter } from '../../runner/projection';
import { MATCHES, ORDER_PAYMENTS, OUTCOMES, PAYOUTS, TRANSACTIONS } from './settlement-reconciliation.tables';

const ORDER_STREAM = 'order-';

/**
 * Payouts, their transactions and the order captures and refunds they can be matched to.
 * Captures and reports arrive in either order, so matching is decided when the view is read
 * (see transaction-match.ts), from rows that only ever grow.
 */
export const settlementReconciliationProjection: Projection = {
  name: 'finance_settlements',
  // 2: a payout without a company code is kept (null) instead of stopping the view.
  version: 2,
  tables: [PAYOUTS, OUTCOMES, TRANSACTIONS, MATCHES, ORDER_PAYMENTS],
  // By type: of the order streams only captures and refunds matter, and they are a small part of them.
  filter: { on: 'eventType', prefixes: ['Settlement', 'TransactionMatched', 'PaymentCaptured', 'RefundIssued'] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    const fact = event as unknown as SettlementEvent | OrderEvent;
    switch (fact.type) {
      case 'SettlementReported': {
        const { data } = fact;
        writer.insert('payouts', {
          stream_id: event.streamId,
          provider: data.provider,
          payout_id: data.payoutId,
          company_code: data.companyCode ?? null,
          currency: data.currency,
          payout_amount_minor: data.payoutAmountMinor,
          payout_date: data.payoutDate,
          amount_total_minor: data.totals.amountMinor,
          fee_total_minor: data.totals.feeMinor,
          net_total_minor: data.totals.netMinor,
        });
        data.transactions.forEach((transaction, index) =>
          writer.insert('transactions', {
            stream_id: event.streamId,
            transaction_id: transaction.transactionId,
            line_no: index + 1,
            type: transaction.type,
            currency: transaction.currency,
            amount_minor: transaction.amountMinor,
            fee_minor: transaction.feeMinor,
            net_minor: transaction.netMinor,
            order_id: transaction.orderId ?? null,
            capture_id: transaction.captureId ?? null,
            refund_id: transaction.refundId ?? null,
          }),
        );
        return;
      }
      case 'SettlementReconciled':
        writer.insert('outcomes', { stream_id: event.streamId, status: 'reconciled', difference_minor: 0 });
        return;
      case 'SettlementDiscrepancyFound':
        writer.insert('outcomes', { stream_id: event.streamId, status: 'discrepancy', difference_minor: fact.data.differenceMinor });
        return;
      case 'TransactionMatched': {
        const { data } = fact;
        writer.insert('matches', {
          stream_id: event.streamId,
          transaction_id: data.transactionId,
          order_id: data.orderId,
          capture_id: data.captureId ?? null,
          refund_id: data.refundId ?? null,
          matched_by: data.matchedBy,
        });
        return;
      }
      case 'PaymentCaptured':
      case 'RefundIssued': {
        if (!event.streamId.startsWith(ORDER_STREAM)) return;
        const { data } = fact;
        writer.insert('order_payments', {
          event_id: event.eventId,
          order_id: event.streamId.slice(ORDER_STREAM.length),
          kind: fact.type === 'PaymentCaptured' ? 'capture' : 'refund',
          payment_id: 'captureId' in data ? data.captureId : data.refundId,
          amount_minor: data.amountMinor,
          currency: data.currency,
        });
        return;
      }
      default:
        return;
    }
  },
};
