import type { DomainEvent } from '../../../src/runtime/decider';
import type { SagaDecision, SagaDefinition, SagaInput } from '../../../sagas/runtime/saga-definition';

let inputs = 0;

/** An event of any stream (an order, a channel refund ...), as the saga receives it from the log. */
export const fromStream = (streamId: string, event: DomainEvent): SagaInput => ({
  kind: 'event',
  inputId: `input-${++inputs}`,
  type: event.type,
  streamId,
  data: event.data,
});

/** An order event as the saga receives it from the log. */
export const fromOrder = (orderId: string, event: DomainEvent): SagaInput => fromStream(`order-${orderId}`, event);

export const timer = (timerId: string, dueAt: string): SagaInput => ({ kind: 'timer', inputId: `timer:${timerId}@${dueAt}`, timerId, dueAt });

/** Given/when/then for a saga's pure core: the state is whatever the earlier decisions recorded. */
export function sagaSpec<State, Event extends DomainEvent>(definition: SagaDefinition<State, Event>, now: string) {
  return {
    given: (history: SagaInput[]) => {
      const state = history.reduce((s, input) => (definition.decide(s, input, now).events ?? []).reduce(definition.evolve, s), definition.initialState());
      return { when: (input: SagaInput): SagaDecision<Event> => definition.decide(state, input, now), state };
    },
  };
}
