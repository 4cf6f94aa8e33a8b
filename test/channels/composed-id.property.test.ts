import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { composedId } from '../../src/channels/composed-id';
import { ENTITY_ID } from '../../src/edge/field-rules';

/** Parts as the edges accept them (ENTITY_ID), weighted towards the separator and the escape character. */
const part = fc.string({ unit: fc.constantFrom('a', 'B', '7', '.', '_', '/', ':', '-', '3', 'A', 'D', '2'), minLength: 1, maxLength: 8 });
const tuple = fc.array(part, { minLength: 4, maxLength: 4 });

describe('composed ids', () => {
  it('never give two different tuples of parts the same id', () => {
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        if (composedId(a) === composedId(b)) assert.deepEqual(a, b);
      }),
      { numRuns: 2000 },
    );
  });

  it('give the parts back: split at the first separators, unescape all but the last', () => {
    fc.assert(
      fc.property(tuple, (parts) => {
        const id = composedId(parts);
        const [first, second, third, ...rest] = id.split('-');
        const unescape = (text: string) => text.replace(/:2D/g, '-').replace(/:3A/g, ':');
        assert.deepEqual([unescape(first), unescape(second), unescape(third), rest.join('-')], parts);
      }),
      { numRuns: 1000 },
    );
  });

  it('keep the plain dash join when no part before the last holds - or :, so ids recorded before stay', () => {
    assert.equal(composedId(['pos', 'S001', 'R02', 'T-000:123']), 'pos-S001-R02-T-000:123');
    assert.equal(composedId(['shopify', '820982911946154508']), 'shopify-820982911946154508');
  });

  it('keep the parts that met before apart (the issue’s two sales)', () => {
    assert.equal(composedId(['pos', 'S1', 'R2-3', '7']), 'pos-S1-R2:2D3-7');
    assert.equal(composedId(['pos', 'S1-R2', '3', '7']), 'pos-S1:2DR2-3-7');
  });

  it('stay within the entity id alphabet, so the id can be sent back as it is', () => {
    fc.assert(fc.property(tuple, (parts) => /^[A-Za-z0-9._:\-/]+$/.test(composedId(parts))));
    assert.ok(ENTITY_ID.test(composedId(['pos', 'S1-R2', 'a:b', '7'])));
  });
});
