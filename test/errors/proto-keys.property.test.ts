import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripProtoKeys as nestStripProtoKeys } from '@nestjs/common/utils/strip-proto-keys.util';
import fc from 'fast-check';
import { stripProtoKeys } from '../../src/errors/proto-keys';
import { MAX_INPUT_DEPTH } from '../../src/errors/input-depth';

const KEYS = ['__proto__', 'prototype', 'constructor', 'a', 'lines', 'toString'];

/** JSON with the keys Nest strips at any depth, as a body parser hands it over (own `__proto__` keys included). */
const parsedInput = fc
  .letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 0 }), tie('object'), tie('array')),
    object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
    array: fc.array(tie('value'), { maxLength: 3 }),
  }))
  .value.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Input that is not parsed JSON: Nest's walk must still take it. */
const otherInput = fc.constantFrom<() => unknown>(
  () => ({ at: new Date(0), __proto__x: 1, nested: Object.assign(Object.create(null) as object, { constructor: 1, prototype: { a: 1 } }) }),
  () => ({ bytes: new Uint8Array([1, 2]), list: [JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}')] }),
  () => ({ map: new Map([['constructor', 1]]), child: { constructor: Date, prototype: 3 } }),
  () => ({ at: Object.assign(new Date(0), { prototype: 1, constructor: 2 }) }),
  () => JSON.parse(`${'{"a":'.repeat(MAX_INPUT_DEPTH + 3)}{"constructor": 1}${'}'.repeat(MAX_INPUT_DEPTH + 3)}`),
);

describe('stripping prototype keys from input', () => {
  it("leaves parsed input as Nest's walk leaves it", () => {
    fc.assert(
      fc.property(parsedInput, (input) => {
        const ours = structuredClone(input);
        const nest = structuredClone(input);
        stripProtoKeys(ours);
        nestStripProtoKeys(nest);
        assert.deepStrictEqual(ours, nest);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves any other input to Nest's walk, with the same outcome", () => {
    fc.assert(
      fc.property(otherInput, (make) => {
        const ours = make();
        const nest = make();
        stripProtoKeys(ours);
        nestStripProtoKeys(nest);
        assert.deepStrictEqual(ours, nest);
      }),
    );
  });

  it('removes the keys from a body at every depth', () => {
    const body = JSON.parse('{"lines":[{"__proto__":{"polluted":true},"sku":"A"}],"constructor":{"prototype":1},"prototype":2}') as Record<string, unknown>;
    stripProtoKeys(body);
    assert.deepStrictEqual(body, { lines: [{ sku: 'A' }] });
  });
});
