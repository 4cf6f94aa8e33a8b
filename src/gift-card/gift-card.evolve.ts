import type { GiftCardEvent, GiftCardSold } from './gift-card.events';

export interface GiftCardState {
  sold: GiftCardSold['data'] | null;
}

export function initialGiftCardState(): GiftCardState {
  return { sold: null };
}

export function evolveGiftCard(state: GiftCardState, event: GiftCardEvent): GiftCardState {
  switch (event.type) {
    case 'GiftCardSold':
      return { ...state, sold: event.data };
  }
}
