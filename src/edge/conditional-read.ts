/**
 * Conditional reads of an aggregate's state over HTTP: its ETag names the stream revision the
 * answer reflects (RFC 9110 §8.8.3; strong: the answer is a function of the state at that
 * revision), `If-None-Match` with it answers 304 (§13.1.2), and `Prefer: wait=N` (RFC 7240
 * §4.3) holds such a request until the stream moves past it or N seconds pass.
 */

/** The longest hold: long enough that a waiting channel asks about twice a minute, short enough for proxies' and clients' read timeouts (often 60 s). */
export const LONGEST_WAIT_SECONDS = 30;

/** The validator of an answer reflecting `revision`. */
export const etagOf = (revision: number): string => `"${revision}"`;

/**
 * True when `ifNoneMatch` names `etag` (weak comparison, as RFC 9110 asks for If-None-Match) or
 * is `*` (the resource exists: the caller only asks when it does).
 */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return splitList(ifNoneMatch).some((tag) => tag.replace(/^W\//, '') === etag);
}

/**
 * The seconds a `Prefer` header asks to wait, at most `longestSeconds`; undefined without a wait
 * preference or with one whose value is not delta-seconds (RFC 7240: a preference not understood
 * is ignored, never refused). Only the first `wait` counts (RFC 7240 §2).
 */
export function preferredWaitSeconds(prefer: string | undefined, longestSeconds: number): number | undefined {
  if (prefer === undefined) return undefined;
  for (const preference of splitList(prefer)) {
    const [token = ''] = preference.split(';', 1);
    const equals = token.indexOf('=');
    const name = (equals < 0 ? token : token.slice(0, equals)).trim().toLowerCase();
    if (name !== 'wait') continue;
    const value =
      equals < 0
        ? ''
        : token
            .slice(equals + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    return /^\d+$/.test(value) ? Math.min(Number(value), longestSeconds) : undefined;
  }
  return undefined;
}

/**
 * The longest hold that can be given within `boundMs`: LONGEST_WAIT_SECONDS, and a second short of
 * the bound, so the answer is read again and sent before it. Over HTTP the bound is
 * HTTP_IDLE_TIMEOUT, which closes a connection on which nothing moves (a held request included);
 * over gRPC, the time left before the call's deadline (Infinity without one).
 */
export const longestWaitSeconds = (boundMs: number): number => Math.max(0, Math.min(LONGEST_WAIT_SECONDS, Math.floor((boundMs - 1_000) / 1_000)));

/** A header's comma-separated members, commas inside quoted strings kept. */
function splitList(value: string): string[] {
  const members: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      members.push(current.trim());
      current = '';
    } else current += char;
  }
  members.push(current.trim());
  return members.filter((member) => member !== '');
}
