import { InputInvalidError } from './input-invalid.error';

/**
 * Far deeper than any request shape: class-transformer and canonical JSON walk input
 * recursively, so a body nested thousands of levels deep (a 1 MiB body holds ~500k) would
 * overflow the stack and answer 500 instead of 400.
 */
export const MAX_INPUT_DEPTH = 32;

/** A 400 for input nested deeper than any request shape, before anything walks it recursively. */
export function refuseDeepInput(value: unknown, path: string): void {
  if (nestedDeeperThan(value, MAX_INPUT_DEPTH)) throw new InputInvalidError([{ path, reason: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels` }]);
}

/** Iterative, so the check itself cannot overflow. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}
