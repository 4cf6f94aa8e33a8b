/**
 * The one rule for an id a channel mapping builds from parts (channel, store, register,
 * transaction ...): the parts joined with `-`, every part but the last with `:` written `:3A`
 * and `-` written `:2D`. No escaped part holds a bare `-`, so the first separators are exactly
 * the boundaries and the last part may stay as it is; the id gives its parts back, and two
 * different tuples of the same length never meet (store `S1`, register `R2-3` is
 * `S1-R2:2D3`; store `S1-R2`, register `3` is `S1:2DR2-3`).
 *
 * Parts without `-` or `:` before the last one join exactly as the plain `-` join did, so ids
 * recorded before the rule keep their names; only the ones that could collide change.
 * The result stays within the entity id alphabet (letters, digits, `._:-/`): the id can be sent
 * back in a path or a body as it is. Compare only ids composed from the same number of parts.
 */
export function composedId(parts: readonly string[]): string {
  return parts.map((part, i) => (i === parts.length - 1 ? part : part.replace(/[:-]/g, (c) => (c === ':' ? ':3A' : ':2D')))).join('-');
}
