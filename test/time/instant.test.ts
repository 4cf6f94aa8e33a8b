import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { postingDateOf } from '../../src/ledger/posting/posting-source';
import { isCalendarDate } from '../../src/time/calendar-date';
import { instantMs, isInstant, utcDayOf, utcInstantOf } from '../../src/time/instant';

describe('the instant rule', () => {
  const accepted: Array<[string, string]> = [
    ['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27T11:00:00.5+01:00', '2026-11-27T10:00:00.500Z'],
    ['2026-11-27T10:00:00.123456789Z', '2026-11-27T10:00:00.123Z'],
    ['2026-11-27T09:30:00+14:00', '2026-11-26T19:30:00.000Z'],
    ['2026-11-27T09:30:00-14:00', '2026-11-27T23:30:00.000Z'],
    ['2026-11-27T09:30:00-00:00', '2026-11-27T09:30:00.000Z'],
    ['2028-02-29T23:59:59+05:45', '2028-02-29T18:14:59.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0099-06-01T12:00:00Z', '0099-06-01T12:00:00.000Z'],
    ['9999-12-31T23:59:59+14:00', '9999-12-31T09:59:59.000Z'],
  ];
  for (const [text, utc] of accepted) {
    it(`accepts ${text} as ${utc}`, () => {
      assert.equal(utcInstantOf(text), utc);
      assert.equal(instantMs(text), Date.parse(utc));
      assert.equal(utcDayOf(text), utc.slice(0, 10));
    });
  }

  const refused: Array<[string, unknown]> = [
    ['an offset of +25:00', '2026-11-27T09:30:00+25:00'],
    ['an offset of -24:00', '2026-11-27T09:30:00-24:00'],
    ['an offset of +14:30', '2026-11-27T09:30:00+14:30'],
    ['offset minutes of 60', '2026-11-27T09:30:00+01:60'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['hour 24', '2026-11-27T24:00:00Z'],
    ['minute 60', '2026-11-27T10:60:00Z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February 1900 (not a leap year)', '1900-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['day 0', '2026-11-00T10:00:00Z'],
    ['year 0000', '0000-06-01T10:00:00Z'],
    ['a UTC instant in year 10000', '9999-12-31T23:59:59-00:01'],
    ['a UTC instant before year 1', '0001-01-01T00:00:00+00:01'],
    ['no offset', '2026-11-27T10:00:00'],
    ['no seconds', '2026-11-27T10:00Z'],
    ['a date alone', '2026-11-27'],
    ['ten fraction digits', '2026-11-27T10:00:00.1234567890Z'],
    ['a lower-case z', '2026-11-27T10:00:00z'],
    ['a space for the T', '2026-11-27 10:00:00Z'],
    ['a compact offset', '2026-11-27T10:00:00+0100'],
    ['an expanded year', '+002026-11-27T10:00:00Z'],
    ['trailing text', '2026-11-27T10:00:00Z\n'],
    ['non-ASCII digits', '２026-11-27T10:00:00Z'],
    ['a number', 1764237600000],
    ['null', null],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}`, () => {
      assert.equal(instantMs(value), undefined);
      assert.equal(isInstant(value), false);
      if (typeof value === 'string') assert.throws(() => utcDayOf(value), RangeError);
    });
  }

  it('gives every accepted timestamp a UTC posting day that is a calendar date, and agrees with Date on it', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        two(25),
        two(61),
        two(61),
        fc.option(
          fc.integer({ min: 0, max: 999_999_999 }).map((n) => `.${n}`),
          { nil: '' },
        ),
        fc.oneof(
          fc.constant('Z'),
          fc.tuple(fc.constantFrom('+', '-'), two(26), two(61)).map(([sign, h, m]) => `${sign}${h}:${m}`),
        ),
      )
      .map(([y, mo, d, h, mi, s, fraction, offset]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
    fc.assert(
      fc.property(text, (candidate) => {
        const ms = instantMs(candidate);
        if (ms === undefined) return;
        const day = postingDateOf(candidate);
        assert.ok(isCalendarDate(day), `${candidate} -> ${day}`);
        // Date parses RFC 3339 from year 1000 on; the rule and Date agree there, to the millisecond.
        if (Number(candidate.slice(0, 4)) >= 1000) assert.equal(ms, Date.parse(candidate.replace(/(\.\d{3})\d+/, '$1')));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('calendar dates', () => {
  it('accepts days that exist and refuses those that do not', () => {
    for (const day of ['2026-11-27', '2028-02-29', '2000-02-29', '0001-01-01', '0050-03-01', '9999-12-31']) assert.ok(isCalendarDate(day), day);
    for (const day of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '0000-01-01', '2026-1-01', '2026-11-27T00:00:00Z', 20261127]) {
      assert.ok(!isCalendarDate(day), String(day));
    }
  });

  it('posts a calendar date on that day and a timestamp on its UTC day', () => {
    assert.equal(postingDateOf('2026-11-30'), '2026-11-30');
    assert.equal(postingDateOf('2026-11-30T22:30:00-05:00'), '2026-12-01');
    assert.throws(() => postingDateOf('2026-11-27T09:30:00+25:00'), /is not an ISO 8601 timestamp/);
  });
});
