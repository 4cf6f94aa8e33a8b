import type { AggregateType, Decider } from '../runtime/decider';
import type { PromotionCommand } from './promotion.commands';
import { decidePromotion } from './promotion.decide';
import type { PromotionEvent } from './promotion.events';
import { evolvePromotion } from './promotion.evolve';
import { initialPromotionState, type PromotionState } from './promotion.state';

export const promotionDecider: Decider<PromotionCommand, PromotionEvent, PromotionState> = {
  initialState: initialPromotionState,
  decide: decidePromotion,
  evolve: evolvePromotion,
};

/** Streams `promotion-<promotionId>`: one per promotion, holding its terms, lifecycle, publications and per-order use. */
export const promotionAggregate: AggregateType<PromotionCommand, PromotionEvent, PromotionState> = {
  category: 'promotion',
  decider: promotionDecider,
};
