/**
 * Milliseconds since the epoch of an ISO 8601 timestamp with an explicit offset
 * (`2026-11-27T10:00:00Z`, `2026-11-27T11:00:00.5+01:00`), or undefined when the text is not
 * one or names a day that does not exist. `Date.parse` alone would accept `2026-02-30`.
 */
export function instantMs(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  const sameFields =
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!sameFields) return undefined;
  const offsetMinutes = match[8] ? (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10])) : 0;
  return utc.getTime() - offsetMinutes * 60_000;
}
