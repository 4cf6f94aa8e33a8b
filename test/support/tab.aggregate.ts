import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { AggregateType, Decider } from '../../src/runtime/decider';

/**
 * A small aggregate for exercising the runtime: a customer tab that items are added to until
 * it is closed. Real slices (order, promotion, settlement) follow the same shape.
 */
export type TabCommand = { kind: 'AddItem'; sku: string; amountMinor: number } | { kind: 'CloseTab'; closedAt: string };

export type TabEvent = { type: 'ItemAdded'; data: { sku: string; amountMinor: number } } | { type: 'TabClosed'; data: { closedAt: string; totalMinor: number } };

export interface TabState {
  totalMinor: number;
  items: number;
  closed: boolean;
}

export const tabDecider: Decider<TabCommand, TabEvent, TabState> = {
  initialState: () => ({ totalMinor: 0, items: 0, closed: false }),
  decide(command, state) {
    if (state.closed) throw new BusinessRuleRefusal('TAB_CLOSED', 'the tab is closed');
    switch (command.kind) {
      case 'AddItem':
        if (!Number.isSafeInteger(command.amountMinor) || command.amountMinor <= 0) {
          throw new BusinessRuleRefusal('AMOUNT_NOT_POSITIVE', 'an item needs a positive amount');
        }
        return [{ type: 'ItemAdded', data: { sku: command.sku, amountMinor: command.amountMinor } }];
      case 'CloseTab':
        return [{ type: 'TabClosed', data: { closedAt: command.closedAt, totalMinor: state.totalMinor } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ItemAdded':
        return { ...state, totalMinor: state.totalMinor + event.data.amountMinor, items: state.items + 1 };
      case 'TabClosed':
        return { ...state, closed: true };
    }
  },
};

export const tabAggregate: AggregateType<TabCommand, TabEvent, TabState> = { category: 'tab', decider: tabDecider };
