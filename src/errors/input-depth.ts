import { InputInvalidError } from './input-invalid.error';

/**
 * Far deeper than any request shape: class-transformer and canonical JSON walk input
 * recursively, so a body nested thousands of levels deep (a 1 MiB body holds ~500k) would
 * overflow the stack and answer 500 instead of 400.
 */
export const MAX_INPUT_DEPTH = 32;
const TOO_DEEP = `must not be nested deeper than ${MAX_INPUT_DEPTH} levels`;

/**
 * A 400 for input no request shape can hold, before anything walks it: nested deeper than
 * MAX_INPUT_DEPTH, or a number JSON wrote beyond what a double holds (`1e400` parses as
 * Infinity, which no field takes and the Idempotency-Key's canonical fingerprint cannot encode).
 */
export function refuseUnwalkableInput(value: unknown, path: string): number {
  const { problem, walked } = firstProblem(value, path, false);
  // Field paths are written only for a refusal: the walk runs again with them.
  if (problem) throw new InputInvalidError([firstProblem(value, path, true).problem!]);
  return walked;
}

/** The refusal of input nested deeper than MAX_INPUT_DEPTH, whether told before parsing or after. */
export function tooDeep(path: string): InputInvalidError {
  return new InputInvalidError([{ path, reason: TOO_DEEP }]);
}

/** Iterative, so the check itself cannot overflow; tells how many values it walked (the input's size), and `withPaths` where the problem is. */
function firstProblem(value: unknown, root: string, withPaths: boolean): { problem?: { path: string; reason: string }; walked: number } {
  const pending: Array<[unknown, number, string]> = [[value, 0, root]];
  let walked = 0;
  while (pending.length > 0) {
    const [next, depth, path] = pending.pop()!;
    walked++;
    if (typeof next === 'number' && !Number.isFinite(next)) return { problem: { path, reason: 'must be a finite number (a double cannot hold it)' }, walked };
    if (next === null || typeof next !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { problem: { path: root, reason: TOO_DEEP }, walked };
    if (!withPaths) {
      for (const child of Object.values(next)) pending.push([child, depth + 1, '']);
      continue;
    }
    // Field paths as the validation errors write them: `lines[0].tax`, the body itself unnamed.
    const base = path === 'body' ? '' : path;
    if (Array.isArray(next)) next.forEach((child, i) => pending.push([child, depth + 1, `${base}[${i}]`]));
    else for (const [key, child] of Object.entries(next)) pending.push([child, depth + 1, base ? `${base}.${key}` : key]);
  }
  return { walked };
}
