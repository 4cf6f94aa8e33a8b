import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DELIVERY_THREAD_ERRORS } from '../../projections/erp-delivery/delivery-thread.messages';
import { PROJECTION_THREAD_ERRORS } from '../../projections/host/projection-thread.messages';
import { SAGA_THREAD_ERRORS } from '../../sagas/host/saga-thread.messages';
import { toApiError } from '../../src/errors/error-mapping';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { answered, type ErrorCarrier, PendingCalls } from '../../src/runtime/thread-calls';

/** A call answered on one thread by `target`, settled on the other: what its caller gets. */
async function across<E>(errors: ErrorCarrier<E>, target: () => Promise<unknown>): Promise<unknown> {
  const calls = new PendingCalls();
  let sent = 0;
  const settled = calls.add((id) => (sent = id));
  calls.settle(await answered({ kind: 'call', id: sent, method: 'run', args: [] }, { run: target }, errors), errors);
  return settled;
}

const CARRIERS = { delivery: DELIVERY_THREAD_ERRORS, projections: PROJECTION_THREAD_ERRORS, sagas: SAGA_THREAD_ERRORS } as const;

describe('calls between threads', () => {
  for (const [thread, errors] of Object.entries(CARRIERS) as Array<[string, ErrorCarrier<unknown>]>) {
    it(`${thread}: the event store being away reaches the caller as itself, answered 503 "retry later", never as a failure (500)`, async () => {
      const error = await across(errors, () => Promise.reject(new EventStoreUnavailableError('EventStoreDB unavailable: 14 UNAVAILABLE'))).then(
        () => assert.fail('the call succeeded'),
        (rejected: unknown) => rejected,
      );
      assert.ok(error instanceof EventStoreUnavailableError, String(error));
      assert.equal(error.message, 'EventStoreDB unavailable: 14 UNAVAILABLE');
      assert.equal(toApiError(error).status, 503);
    });

    it(`${thread}: a refusal keeps its code, and an answer its value`, async () => {
      await assert.rejects(
        across(errors, () => Promise.reject(new BusinessRuleRefusal('BATCH_NOT_FOUND', 'no such batch', { batchId: 'b-1' }))),
        (error: unknown) => error instanceof BusinessRuleRefusal && error.code === 'BATCH_NOT_FOUND',
      );
      assert.deepEqual(await across(errors, () => Promise.resolve({ ok: 1 })), { ok: 1 });
    });
  }
});
