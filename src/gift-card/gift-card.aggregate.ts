import type { AggregateType, Decider } from '../runtime/decider';
import type { GiftCardCommand } from './gift-card.commands';
import { decideGiftCard } from './gift-card.decide';
import type { GiftCardEvent } from './gift-card.events';
import { evolveGiftCard, type GiftCardState, initialGiftCardState } from './gift-card.evolve';

export const giftCardDecider: Decider<GiftCardCommand, GiftCardEvent, GiftCardState> = {
  initialState: initialGiftCardState,
  decide: decideGiftCard,
  evolve: evolveGiftCard,
};

/** Streams `gift-card-<giftCardId>`: the id is what makes "sold once" an append-time guarantee. */
export const giftCardAggregate: AggregateType<GiftCardCommand, GiftCardEvent, GiftCardState> = {
  category: 'gift-card',
  decider: giftCardDecider,
};
