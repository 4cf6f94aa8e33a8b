import type { SagaCommand } from './saga-definition';

/**
 * A command target outside the event store, such as a payment provider. A saga names it in
 * `SagaCommand.aggregate` like an aggregate category; the runtime hands it the command with
 * the step's deterministic command id, which the effect passes on as its idempotency key, so
 * a replayed or retried step reaches the outside world once. A throw fails the step (retried
 * with backoff, then parked), exactly like a failing aggregate command.
 */
export interface SagaEffect {
  /** The name sagas address it by; must not clash with an aggregate category. */
  readonly target: string;
  execute(commandId: string, command: SagaCommand['command']): Promise<void>;
}
