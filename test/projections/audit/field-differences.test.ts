import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldDifferences } from '../../../projections/audit/field-differences';

describe('field differences: what an auditor reads when a record and its rebuild disagree', () => {
  it('finds nothing between equal values, whatever their key order', () => {
    assert.deepEqual(fieldDifferences({ a: 1, b: [{ c: 'x' }] }, { b: [{ c: 'x' }], a: 1 }), []);
  });

  it('names each differing leaf by the path a client writes', () => {
    const recorded = {
      postingDate: '2026-11-28',
      lines: [
        { amountMinor: 1000, promotionId: 'p1' },
        { amountMinor: 500, promotionId: null },
      ],
    };
    const rebuilt = {
      postingDate: '2026-11-29',
      lines: [
        { amountMinor: 1000, promotionId: 'p1' },
        { amountMinor: 499, promotionId: null },
      ],
    };
    assert.deepEqual(fieldDifferences(recorded, rebuilt), [
      { path: 'lines[1].amountMinor', recorded: 500, rebuilt: 499 },
      { path: 'postingDate', recorded: '2026-11-28', rebuilt: '2026-11-29' },
    ]);
  });

  it('reports a line only one side has, and a field only one side has, without inventing the other value', () => {
    assert.deepEqual(fieldDifferences({ lines: [1, 2] }, { lines: [1] }), [{ path: 'lines[1]', recorded: 2 }]);
    assert.deepEqual(fieldDifferences({ lines: [1] }, { lines: [1, 2] }), [{ path: 'lines[1]', rebuilt: 2 }]);
    assert.deepEqual(fieldDifferences({ a: 1 }, { a: 1, vendorId: 'acme' }), [{ path: 'vendorId', rebuilt: 'acme' }]);
  });

  it('tells null from a missing value and from a different type', () => {
    assert.deepEqual(fieldDifferences({ v: null }, { v: 'acme' }), [{ path: 'v', recorded: null, rebuilt: 'acme' }]);
    assert.deepEqual(fieldDifferences({ v: '1' }, { v: 1 }), [{ path: 'v', recorded: '1', rebuilt: 1 }]);
    assert.deepEqual(fieldDifferences([1], { 0: 1 }), [{ path: '$', recorded: [1], rebuilt: { 0: 1 } }]);
  });
});
