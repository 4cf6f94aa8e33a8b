import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalHash, canonicalJson } from '../../src/hashing/canonical-json';

/**
 * The text every recorded hash (posting batches' chains, entries' hashes) was made from, as first
 * written: the faster canonicalJson must give exactly this, or history would not verify.
 */
function recordedCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot encode ${value} as JSON`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : recordedCanonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recordedCanonicalJson(v)}`).join(',')}}`;
}

describe('canonical JSON', () => {
  it('gives equal data equal text whatever the key order, dropping undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined }), '{"a":[{"c":null,"d":"x"}],"b":1}');
    assert.equal(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }));
    assert.notEqual(canonicalHash({ a: 1 }), canonicalHash({ a: '1' }));
  });

  it('gives exactly the text and hash the recorded hashes were made from, for any value (property, 3000 values)', () => {
    // Objects with any keys (escapes, digits, __proto__), undefined members, sparse arrays, -0, dates and functions.
    const value = fc.anything({
      key: fc.string({ unit: 'binary' }),
      withBoxedValues: false,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: true,
      withDate: true,
      withBigInt: true,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(fc.oneof(value, fc.jsonValue()), (v) => {
        let expected: string | Error;
        try {
          expected = recordedCanonicalJson(v);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) {
          assert.throws(() => canonicalJson(v), { name: expected.name, message: expected.message });
          return;
        }
        assert.equal(canonicalJson(v), expected);
        assert.equal(canonicalHash(v), createHash('sha256').update(expected, 'utf8').digest('hex'));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses numbers JSON cannot carry', () => {
    assert.throws(() => canonicalJson({ a: Number.NaN }), /cannot encode NaN/);
  });
});
