import type { Decider, DomainEvent } from '../../src/runtime/decider';
import { deciderSpec } from '../support/decider-spec';

/**
 * The promotion and settlement specs' reading of the shared given/when/then (`deciderSpec`),
 * which also checks every decision is deterministic, leaves state alone and is plain JSON.
 */
export function specFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  const spec = deciderSpec(decider);
  const stateAfter = (events: readonly Event[]): State => events.reduce(decider.evolve, decider.initialState());
  const given = (events: readonly Event[]) => ({
    when: (command: Command) => {
      const outcome = spec.given([...events]).when(command);
      return {
        then: (expected: readonly Event[]): void => outcome.then([...expected]),
        thenNothing: (): void => outcome.then([]),
        thenRefused: (code: string, details: Record<string, unknown> = {}): void => outcome.thenRefuses(code, details),
      };
    },
  });
  return { given, stateAfter };
}
