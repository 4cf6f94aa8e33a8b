import assert from 'node:assert/strict';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { Decider, DomainEvent } from '../../src/runtime/decider';

export interface Outcome<Event> {
  /** Asserts exactly these events. (Named for the given/when/then reading; do not `await` an Outcome.) */
  then(expected: Event[]): void;
  /** Asserts a BusinessRuleRefusal with this code and, when given, these detail fields. */
  thenRefuses(code: string, details?: Record<string, unknown>): void;
  /** The decided events, for assertions a literal cannot express. */
  events(): Event[];
}

/**
 * Given/when/then for any decider: given past events, when a command, then these events or
 * this refusal. Every decision is also checked for what the runtime relies on: the same input
 * decides the same events, the state is not mutated, events survive a JSON round trip (they
 * are stored as JSON) and evolve accepts them.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  /** The state these events leave, as the runtime would fold them. */
  const stateAfter = (history: readonly Event[]): State => history.reduce(decider.evolve, decider.initialState());
  return {
    stateAfter,
    given: (history: readonly Event[]) => {
      return {
        when(command: Command): Outcome<Event> {
          const state = stateAfter(history);
          const decide = (): Event[] => {
            const before = structuredClone(state);
            try {
              return decider.decide(command, state);
            } finally {
              assert.deepEqual(state, before, 'decide must not mutate the state it is given');
            }
          };
          const decided = (): Event[] => {
            const events = decide();
            assert.deepEqual(decide(), events, 'the same command on the same state must decide the same events');
            assert.deepEqual(JSON.parse(JSON.stringify(events)), events, 'event data must be plain JSON');
            events.reduce(decider.evolve, state);
            return events;
          };
          return {
            then: (expected) => assert.deepEqual(decided(), expected),
            events: decided,
            thenRefuses(code, details = {}) {
              assert.throws(decide, (error: unknown) => {
                assert.ok(error instanceof BusinessRuleRefusal, `expected a BusinessRuleRefusal ${code}, got ${String(error)}`);
                assert.equal(error.code, code, `refused with ${error.code} (${error.message}), expected ${code}`);
                for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details[key], value, `details.${key}`);
                return true;
              });
            },
          };
        },
      };
    },
  };
}
