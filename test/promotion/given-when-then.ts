import assert from 'node:assert/strict';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { Decider, DomainEvent } from '../../src/runtime/decider';

/**
 * "Given these events, when this command, then these events (or this refusal)", over a pure
 * decider. The settlement specs use it too; it lives here until a shared one exists.
 */
export function specFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  const stateAfter = (events: readonly Event[]): State => events.reduce(decider.evolve, decider.initialState());
  const given = (events: readonly Event[]) => ({
    when: (command: Command) => ({
      then(expected: readonly Event[]): void {
        assert.deepEqual(decider.decide(command, stateAfter(events)), expected);
      },
      thenNothing(): void {
        assert.deepEqual(decider.decide(command, stateAfter(events)), [], 'expected the command to be accepted and record nothing');
      },
      thenRefused(code: string, details: Record<string, unknown> = {}): void {
        let decided: Event[] | undefined;
        try {
          decided = decider.decide(command, stateAfter(events));
        } catch (error) {
          assert.ok(error instanceof BusinessRuleRefusal, `expected a BusinessRuleRefusal, got ${String(error)}`);
          assert.equal(error.code, code, `refused for the wrong reason: ${error.message}`);
          for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details[key], value, `refusal detail ${key}`);
          return;
        }
        assert.fail(`expected refusal ${code}, but it recorded ${JSON.stringify(decided)}`);
      },
    }),
  });
  return { given, stateAfter };
}
