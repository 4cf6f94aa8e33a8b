import { daysInMonth } from './calendar-date';

/**
 * The one rule for a business time, at every edge (HTTP, gRPC, channel mediation) and in every
 * decider and posting rule, so a time the edge accepts can always be posted: an RFC 3339
 * timestamp `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with
 * - an explicit offset within ±14:00 (the widest in use; `+25:00` is no offset at all),
 * - hours 00-23, minutes and seconds 00-59 (no leap second `23:59:60`: JavaScript time has none),
 * - a day that exists in its month (`2026-02-30` does not),
 * - a fraction of 1-9 digits (milliseconds are kept, finer digits are dropped),
 * - both as written and in UTC, a year from 0001 to 9999, so its UTC posting day is `YYYY-MM-DD`.
 * `Date.parse` alone accepts `2026-02-30` and refuses offsets the parser here would not flag.
 */
export const INSTANT_RULE = 'an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MAX_OFFSET_MINUTES = 14 * 60;
const FIRST_MS = utcMs(1, 1, 1, 0, 0, 0, 0);
const LAST_MS = utcMs(9999, 12, 31, 23, 59, 59, 999);

/** Milliseconds since the epoch of a timestamp that follows the rule above, else undefined. */
export function instantMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (match[8]) {
    const [offsetHours, offsetMins] = [Number(match[9]), Number(match[10])];
    if (offsetMins > 59) return undefined;
    offsetMinutes = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  }
  const millis = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const ms = utcMs(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return ms >= FIRST_MS && ms <= LAST_MS ? ms : undefined;
}

export function isInstant(value: unknown): value is string {
  return instantMs(value) !== undefined;
}

/**
 * The same instant written in UTC with milliseconds (`2026-11-27T15:00:00.000Z`), for a channel
 * mediation that stores times in one form; undefined when the text does not follow the rule.
 */
export function utcInstantOf(text: unknown): string | undefined {
  const ms = instantMs(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The UTC calendar day (`YYYY-MM-DD`) of a timestamp that follows the rule; a RangeError naming it otherwise. */
export function utcDayOf(text: string): string {
  const ms = instantMs(text);
  if (ms === undefined) throw new RangeError(`${JSON.stringify(text)} is not ${INSTANT_RULE}`);
  // Written in UTC (as the edge and the channel mediations store times), the day is as written.
  return text.endsWith('Z') ? text.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}

/** `Date.UTC` reads years 0-99 as 1900-1999: those go through setUTCFullYear, which takes them as written. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}
