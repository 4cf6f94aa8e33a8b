import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHash, canonicalJson } from '../../src/hashing/canonical-json';

describe('canonical JSON', () => {
  it('gives equal data equal text whatever the key order, dropping undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined }), '{"a":[{"c":null,"d":"x"}],"b":1}');
    assert.equal(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }));
    assert.notEqual(canonicalHash({ a: 1 }), canonicalHash({ a: '1' }));
  });

  it('refuses numbers JSON cannot carry', () => {
    assert.throws(() => canonicalJson({ a: Number.NaN }), /cannot encode NaN/);
  });
});
