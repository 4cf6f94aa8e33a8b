import assert from 'node:assert/strict';

/**
 * A held read (Prefer: wait, GetOrder's waitSeconds) that has to be woken: one that ran out would
 * read the order again and answer its new state too, so only the time tells a wake-up from a timeout.
 */
export function assertWoken(heldSinceMs: number, limitMs: number, what: string): void {
  const ms = Date.now() - heldSinceMs;
  assert.ok(ms < limitMs, `${what}: answered after ${ms} ms, as if the wait had run out instead of being woken`);
}
