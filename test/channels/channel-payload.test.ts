import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PAYLOAD_DEPTH, parseChannelPayload } from '../../src/channels/channel-payload';
import { ChannelPayloadError, PayloadReader } from '../../src/channels/payload-reader';
import { currencyCode } from '../../src/money';
import { shopifyFixtureBytes } from '../support/shopify-fixtures';

const read = (json: string) => new PayloadReader(parseChannelPayload(json), '');
const USD = currencyCode('USD');

describe('channel payloads: parsed without losing a digit, nested no deeper than a bound', () => {
  it('keeps Shopify ids beyond 2^53 exact instead of rounding them', () => {
    const order = read(shopifyFixtureBytes('webhook-orders-create.json').toString());
    assert.equal(order.field('id').numericId(), '820982911946154508');
    assert.deepEqual(
      order
        .field('line_items')
        .items()
        .map((l) => l.field('id').numericId()),
      ['487817672276298554', '789012345678901234', '890123456789012345', '976318377106520349', '315789986012684393'],
    );
    // 789012345678901234 and 789012345678901307 are one double apart from nothing: both stay themselves.
    const refund = read(shopifyFixtureBytes('webhook-refunds-create.json').toString());
    assert.deepEqual(
      refund
        .field('refund_line_items')
        .items()
        .slice(1, 2)
        .map((i) => [i.field('id').numericId(), i.field('line_item_id').numericId()]),
      [['789012345678901307', '789012345678901234']],
    );
  });

  it('reads an amount exactly as written, string or number: "25.00", 25.0 and 25 are 2500 cents, never through floating point', () => {
    const amounts = read('{"a": "25.00", "b": 25.0, "c": 25, "d": 0.1, "e": "0.0", "f": 19.99, "g": "-5.00", "h": 1e2}');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => amounts.field(k).amount(USD)),
      [2500, 2500, 2500, 10, 0, 1999, -500],
    );
    assert.throws(
      () => amounts.field('h').amount(USD),
      (e: unknown) => e instanceof ChannelPayloadError && e.message === 'h: "1e2" is not a decimal amount',
    );
    assert.throws(
      () => read('{"x": 0.125}').field('x').amount(USD),
      (e: unknown) => e instanceof ChannelPayloadError && /more decimals than USD allows/.test(e.message),
    );
  });

  it(`refuses a body nested deeper than ${MAX_PAYLOAD_DEPTH} levels before parsing it, however deep (10,000 levels)`, () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    assert.throws(
      () => parseChannelPayload(deep),
      (e: unknown) => e instanceof ChannelPayloadError && e.path === 'body' && /nested deeper than 64 levels/.test(e.message),
    );
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    assert.throws(() => parseChannelPayload(objects), ChannelPayloadError);
    // Brackets inside strings do not count, escaped quotes do not end them.
    const inString = `{"note": "${'[{'.repeat(500)} \\" ${'['.repeat(500)}"}`;
    assert.equal((parseChannelPayload(inString) as { note: string }).note.length, 1503);
    assert.doesNotThrow(() => parseChannelPayload(`${'['.repeat(MAX_PAYLOAD_DEPTH)}${']'.repeat(MAX_PAYLOAD_DEPTH)}`));
  });

  it('refuses a key given twice with different values, like any malformed JSON', () => {
    assert.throws(() => parseChannelPayload('{"total_price": "1.00", "total_price": "100.00"}'), SyntaxError);
    assert.throws(() => parseChannelPayload('{"id": 1'), SyntaxError);
  });

  it('reads times by the one instant rule: in UTC, no leap second, offsets within ±14:00', () => {
    const times = read('{"a": "2021-12-31T19:00:00-05:00", "b": "2026-11-27T23:59:60Z", "c": "2026-11-27T10:00:00+25:00", "d": "2026-02-30T10:00:00Z", "e": null}');
    assert.equal(times.field('a').instant(), '2022-01-01T00:00:00.000Z');
    for (const bad of ['b', 'c', 'd', 'e'])
      assert.throws(
        () => times.field(bad).instant(),
        (e: unknown) => e instanceof ChannelPayloadError && e.path === bad && /offset within ±14:00/.test(e.message),
      );
  });
});
