import { hash } from 'node:crypto';

/** Object keys as JSON strings: the same few names recur in every entry a posting batch hashes. */
const quotedKeys = new Map<string, string>();
/** Keys named by data (ids as keys) could be endless: past this many, keys are quoted each time. */
const MAX_QUOTED_KEYS = 10_000;

/**
 * JSON with object keys sorted and no whitespace, so equal data always gives equal text
 * (and equal hashes) whatever order a client or a Map produced it in. Built by appending to one
 * string, not with arrays of parts: a posting batch hashes each of its up to 500 entries as it
 * closes, on the request loop. The text is the one every recorded hash was made from (a test
 * holds it to the first implementation's).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return primitiveJson(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      // A hole stays empty, as Array.prototype.join leaves it; an undefined item is null, as in JSON.
      if (i in value) text += value[i] === undefined ? 'null' : canonicalJson(value[i]);
    }
    return `${text}]`;
  }
  // Default sort compares UTF-16 code units: the order of `<` on strings.
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quotedKey(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** SHA-256 (hex) of the canonical JSON of `value`, through the one-shot crypto.hash (no Hash object per value). */
export function canonicalHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}

function primitiveJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot encode ${value} as JSON`);
      // What JSON.stringify writes for a finite number (-0 included: "0").
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // A bigint throws as JSON.stringify does; undefined, a function or a symbol is null.
      return JSON.stringify(value) ?? 'null';
  }
}

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}
