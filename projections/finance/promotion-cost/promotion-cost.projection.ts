import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import type { FundingSplit, PromotionEvent } from '../../../src/promotion/promotion.events';
import type { OrderPlacedData } from '../../../src/order/order.events';
import { postingDateOf } from '../../../src/ledger/posting/posting-source';
import type { Projection, ProjectionWriter } from '../../runner/projection';
import { COST_MOVEMENTS, COST_ORDERS, COST_PROMOTIONS } from './promotion-cost.tables';

export type CostKind = 'applied' | 'clawed-back' | 'released';

/** Applied discounts add cost; a return's clawback and a cancelled order's release take it back. */
const SIGN: Readonly<Record<CostKind, 1 | -1>> = { applied: 1, 'clawed-back': -1, released: -1 };

/**
 * Promotion cost per promotion and currency, split by who funds it, from the promotion streams;
 * each order's company from its OrderPlaced (version 2), for the company and period filters.
 */
export const promotionCostProjection: Projection = {
  name: 'finance_promotion_cost',
  version: 2,
  tables: [COST_PROMOTIONS, COST_MOVEMENTS, COST_ORDERS],
  filter: { on: 'eventType', prefixes: ['Promotion', 'OrderPlaced'] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    if (event.type === 'OrderPlaced') {
      const order = event.data as OrderPlacedData;
      writer.insert('orders', { order_id: order.orderId, company_code: order.companyCode });
      return;
    }
    const promotionEvent = event as unknown as PromotionEvent;
    switch (promotionEvent.type) {
      case 'PromotionDefined': {
        const { promotionId, code, name, funding } = promotionEvent.data;
        writer.insert('promotions', { promotion_id: promotionId, code, name, funding_source: funding.source, vendor_id: funding.source === 'vendor' ? funding.vendorId : null });
        return;
      }
      case 'PromotionApplied':
        return recordCost(writer, event, 'applied', promotionEvent.data);
      case 'PromotionClawedBack':
        return recordCost(writer, event, 'clawed-back', promotionEvent.data);
      case 'PromotionApplicationReleased':
        return recordCost(writer, event, 'released', promotionEvent.data);
      default:
        return;
    }
  },
};

interface CostFact {
  promotionId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  funding: FundingSplit;
  at: string;
}

function recordCost(writer: ProjectionWriter, event: RecordedEvent, kind: CostKind, fact: CostFact): void {
  const sign = SIGN[kind];
  writer.insert('costs', {
    event_id: event.eventId,
    promotion_id: fact.promotionId,
    order_id: fact.orderId,
    kind,
    currency: fact.currency,
    amount_minor: sign * fact.amountMinor,
    retailer_minor: sign * fact.funding.retailerMinor,
    vendor_minor: sign * fact.funding.vendorMinor,
    // The UTC day of the business time the event carries, like the journal's posting date.
    cost_date: postingDateOf(fact.at),
    global_position: event.globalPosition.toString(),
  });
}
