import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { commandIdFor } from '../idempotency/command-id';
import { edgeRequestOf } from '../transport/edge-request';

/** What a handler needs to send a command on behalf of the request. */
export interface CommandContext {
  /** Derived from the Idempotency-Key when one was sent (so retries dedupe), else random. */
  commandId: string;
  /** Another command id for the `step`-th extra command sent while serving this request. */
  commandIdFor(step: string): string;
  correlationId: string;
  /** The API key's name (`local-dev` without configured keys). */
  principal: string;
  /** Ready to put on the command envelope; `traceparent` when the request has a trace (transport/edge-request.ts). */
  metadata: { correlationId: string; principal: string; traceparent?: string };
}

/**
 * Handler parameter: `@CommandContext() ctx: CommandContext` on an HTTP route or gRPC method. Runs
 * after the access guard and idempotency interceptor, so it sees the principal and key.
 */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const { state } = edgeRequestOf(context);
  const principal = state.principal?.name ?? 'anonymous';
  const key = state.idempotencyKey;
  const randomBase = key === undefined ? randomUUID() : undefined;
  const idFor = (step: string) => (key === undefined ? commandIdFor(principal, randomBase!, step) : commandIdFor(principal, key, step));
  return {
    commandId: idFor(''),
    commandIdFor: idFor,
    correlationId: state.correlationId,
    principal,
    metadata: { correlationId: state.correlationId, principal, ...(state.traceparent && { traceparent: state.traceparent }) },
  };
});
