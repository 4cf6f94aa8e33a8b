import assert from 'node:assert/strict';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';

/** The business-rule refusal `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function refusalOf(promise: Promise<unknown>): Promise<BusinessRuleRefusal> {
  const error = await promise.then(
    () => assert.fail('expected a refusal, it was answered'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof BusinessRuleRefusal, `expected a refusal, got ${String(error)}`);
  return error;
}
