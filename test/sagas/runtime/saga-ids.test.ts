import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { REGISTERED_SAGAS, sagaSettingsOf } from '../../../sagas/host/registered-sagas';
import { sagaCommandId, sagaEventId, sagaStreamId } from '../../../sagas/runtime/saga-ids';
import { loadConfig } from '../../../src/config/app-config';

/** The namespace and the joined names ids were made from before tuples could hold '/'. */
const NAMESPACE = 'a3c1e7d2-5b84-4f0a-9c6e-8d2b1f4e7a90';

describe('Saga ids', () => {
  it('keeps the ids already recorded for inputs without "/": commands and saga events load and dedupe as before', () => {
    const input = '0b6e2c44-8f1d-4c9a-b2d3-5e6f7a8b9c0d';
    assert.equal(sagaCommandId('fulfillment', 'web-1001', input, 2), uuidv5(`fulfillment/web-1001/${input}/command/2`, NAMESPACE));
    assert.equal(sagaEventId('saga-fulfillment-web-1001', input, 3, 0), uuidv5(`saga-fulfillment-web-1001/${input}/3/event/0`, NAMESPACE));
    assert.equal(
      sagaEventId('saga-fulfillment-web-1001', 'timer:payment-deadline@2026-11-27T10:30:00Z', -1, 1),
      uuidv5('saga-fulfillment-web-1001/timer:payment-deadline@2026-11-27T10:30:00Z/-1/event/1', NAMESPACE),
    );
    assert.equal(sagaStreamId('channel-order', 'shopify-450789469'), 'saga-channel-order-shopify-450789469');
  });

  it('gives different inputs different ids when parts hold "/" (a timer wait/<key>): instance a/b with input c is not instance a with input b/c', () => {
    assert.notEqual(sagaCommandId('channel-order', 'a/b', 'timer:wait/c', 0), sagaCommandId('channel-order', 'a', 'b/timer:wait/c', 0));
    assert.notEqual(sagaEventId(sagaStreamId('channel-order', 'a/b'), 'c', 0, 0), sagaEventId(sagaStreamId('channel-order', 'a'), 'b/c', 0, 0));
  });

  it('is injective over tuples of parts from an alphabet with "/" and "-" (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', ':', '['), maxLength: 6 });
    const tuple = fc.tuple(fc.constantFrom('fulfillment', 'refund', 'channel-order'), part, part, fc.integer({ min: -1, max: 3 }));
    fc.assert(
      fc.property(tuple, tuple, (x, y) => {
        const same = JSON.stringify(x) === JSON.stringify(y);
        assert.equal(sagaCommandId(x[0], x[1], x[2], x[3]) === sagaCommandId(y[0], y[1], y[2], y[3]), same);
        assert.equal(sagaEventId(sagaStreamId(x[0], x[1]), x[2], x[3], 0) === sagaEventId(sagaStreamId(y[0], y[1]), y[2], y[3], 0), same);
      }),
      { numRuns: 2_000 },
    );
  });

  it('registers no saga whose name followed by "-" begins another saga\'s name, so instance streams of two sagas never meet', () => {
    const names = REGISTERED_SAGAS.map((saga) => saga.definition(sagaSettingsOf(loadConfig({}))).name);
    assert.ok(names.length >= 3);
    for (const name of names)
      assert.deepEqual(
        names.filter((other) => other !== name && other.startsWith(`${name}-`)),
        [],
        name,
      );
  });
});
