import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValidationError } from 'class-validator';
import { fieldErrors } from '../../src/errors/field-errors';

describe('field errors', () => {
  it('names nested and array fields as a client writes them', () => {
    const tree = [
      { property: 'currency', constraints: { isIn: 'currency must be an ISO 4217 code' }, children: [] },
      {
        property: 'lines',
        children: [{ property: '2', children: [{ property: 'quantity', constraints: { min: 'quantity must not be less than 1' }, children: [] }] }],
      },
    ] as unknown as ValidationError[];
    assert.deepEqual(fieldErrors(tree), [
      { path: 'currency', reason: 'currency must be an ISO 4217 code' },
      { path: 'lines[2].quantity', reason: 'quantity must not be less than 1' },
    ]);
  });
});
