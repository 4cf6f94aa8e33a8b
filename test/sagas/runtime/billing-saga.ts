import type { SagaDefinition } from '../../../sagas/runtime/saga-definition';

/** A bill: each ChargeRequested charges the card through an outside provider (`card-provider`); BillClosed ends it. */
export const billing: SagaDefinition<Record<string, never>> = {
  name: 'billing',
  follows: ['bill-'],
  initialState: () => ({}),
  evolve: (state) => state,
  correlate: (event) => (event.streamId.startsWith('bill-') ? event.streamId.slice('bill-'.length) : undefined),
  decide(_state, input) {
    if (input.kind !== 'event') return {};
    if (input.type === 'ChargeRequested') return { commands: [{ aggregate: 'card-provider', streamId: input.streamId, command: { kind: 'Charge', ...(input.data as object) } }] };
    return input.type === 'BillClosed' ? { complete: true } : {};
  },
};
