import type { CurrencyCode } from '../money';
import { instantMs } from '../time/instant';
import type { PromotionEvent } from './promotion.events';
import type { Publication, PromotionState } from './promotion.state';

/**
 * Folds one recorded fact into the state. The per-order and per-channel maps are extended in
 * place: a busy promotion carries one event per order, and copying the maps per event would
 * make loading its stream quadratic. The runtime only evolves a state it owns, after the
 * append succeeded, so nothing else sees the change.
 */
export function evolvePromotion(state: PromotionState, event: PromotionEvent): PromotionState {
  switch (event.type) {
    case 'PromotionDefined':
      return { ...state, definition: event.data };
    case 'PromotionActivated':
      return { ...state, active: true };
    case 'PromotionDeactivated':
      return { ...state, active: false };
    case 'PromotionPublished':
      keepLatest(state.publications, event.data.channel, { status: 'published', at: event.data.at });
      return state;
    case 'PromotionPublicationFailed':
      keepLatest(state.publications, event.data.channel, { status: 'failed', reason: event.data.reason, at: event.data.at });
      return state;
    case 'PromotionApplied': {
      const { orderId, amountMinor, currency, funding } = event.data;
      state.applications.set(orderId, {
        amountMinor,
        currency,
        funding,
        clawedBackMinor: 0,
        clawedBackFunding: { retailerMinor: 0, vendorMinor: 0 },
        clawbacks: new Map(),
        released: false,
      });
      addCost(state.netCostMinor, currency, amountMinor);
      return { ...state, usageCount: state.usageCount + 1 };
    }
    case 'PromotionApplicationReleased': {
      const application = state.applications.get(event.data.orderId);
      if (application) application.released = true;
      addCost(state.netCostMinor, event.data.currency, -event.data.amountMinor);
      return { ...state, usageCount: state.usageCount - 1 };
    }
    case 'PromotionClawedBack': {
      const { orderId, returnId, amountMinor, currency, funding } = event.data;
      const application = state.applications.get(orderId);
      if (application) {
        application.clawbacks.set(returnId, amountMinor);
        application.clawedBackMinor += amountMinor;
        application.clawedBackFunding = {
          retailerMinor: application.clawedBackFunding.retailerMinor + funding.retailerMinor,
          vendorMinor: application.clawedBackFunding.vendorMinor + funding.vendorMinor,
        };
      }
      addCost(state.netCostMinor, currency, -amountMinor);
      return state;
    }
  }
}

// Channels may answer out of order (a retry's success before the first attempt's failure):
// the answer with the later timestamp is the channel's current state.
function keepLatest(publications: Map<string, Publication>, channel: string, publication: Publication): void {
  const held = publications.get(channel);
  if (held && (instantMs(held.at) ?? 0) > (instantMs(publication.at) ?? 0)) return;
  publications.set(channel, publication);
}

function addCost(costs: Map<CurrencyCode, number>, currency: CurrencyCode, deltaMinor: number): void {
  costs.set(currency, (costs.get(currency) ?? 0) + deltaMinor);
}
