import { isCalendarDate } from '../../time/calendar-date';

/**
 * A company's fiscal calendar: how its year is cut into periods. Calendar months name periods
 * `YYYY-MM`; a 4-4-5 calendar cuts 52-week years, starting on `yearStart` and every 364 days
 * before and after it, into twelve periods of 4, 4 and 5 weeks a quarter, named
 * `FY<year>-P<nn>` after the calendar year the fiscal year starts in. (A 53rd week, which such
 * calendars add every five or six years, is not modelled: its rule differs by retailer.)
 */
export type FiscalCalendarDefinition = { pattern: 'calendar-months' } | { pattern: '4-4-5'; yearStart: string };

export const CALENDAR_PATTERNS = ['calendar-months', '4-4-5'] as const;
export type CalendarPattern = (typeof CALENDAR_PATTERNS)[number];

/** A period: its id and its first and last day, both included (YYYY-MM-DD). */
export interface FiscalPeriod {
  periodId: string;
  start: string;
  end: string;
}

/** Either form of period id; which one a company uses is its calendar's pattern. */
export const FISCAL_PERIOD_ID = /^(\d{4}-(0[1-9]|1[0-2])|FY\d{4}-P(0[1-9]|1[0-2]))$/;

const DAY_MS = 86_400_000;
const WEEKS_445 = [4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5];
const YEAR_DAYS_445 = 364;

/** Days since 1970-01-01 of a calendar date: date arithmetic on whole days, no clock. */
function dayNumber(date: string): number {
  return utcDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not. */
function utcDay(year: number, month: number, day: number): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime() / DAY_MS;
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The definition is well formed: a known pattern, and a 4-4-5 calendar's first day a real date. */
export function definitionProblem(definition: FiscalCalendarDefinition): string | undefined {
  if (definition.pattern === 'calendar-months') return undefined;
  if (definition.pattern === '4-4-5') return isCalendarDate(definition.yearStart) ? undefined : `yearStart ${String(definition.yearStart)} is not a calendar date`;
  return `pattern ${String((definition as { pattern: unknown }).pattern)} is not one of ${CALENDAR_PATTERNS.join(', ')}`;
}

/** The period holding `date` (YYYY-MM-DD). */
export function periodOf(definition: FiscalCalendarDefinition, date: string): FiscalPeriod {
  if (definition.pattern === 'calendar-months') return monthPeriod(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  const start = dayNumber(definition.yearStart);
  const yearOffset = Math.floor((dayNumber(date) - start) / YEAR_DAYS_445);
  const yearStart = start + yearOffset * YEAR_DAYS_445;
  let periodStart = yearStart;
  for (let index = 0; ; index += 1) {
    const periodEnd = periodStart + WEEKS_445[index] * 7 - 1;
    if (dayNumber(date) <= periodEnd) return period445(dateOfDay(yearStart), index, periodStart, periodEnd);
    periodStart = periodEnd + 1;
  }
}

/** The period `periodId` names in this calendar, or undefined when it names none (the other pattern's id, a year out of range). */
export function periodById(definition: FiscalCalendarDefinition, periodId: string): FiscalPeriod | undefined {
  if (!FISCAL_PERIOD_ID.test(periodId)) return undefined;
  if (definition.pattern === 'calendar-months') {
    if (periodId.startsWith('FY')) return undefined;
    return monthPeriod(Number(periodId.slice(0, 4)), Number(periodId.slice(5, 7)));
  }
  if (!periodId.startsWith('FY')) return undefined;
  const year = Number(periodId.slice(2, 6));
  const index = Number(periodId.slice(8)) - 1;
  // The fiscal year named `year` is the one starting in that calendar year.
  const anchor = dayNumber(definition.yearStart);
  const offset = Math.ceil((utcDay(year, 1, 1) - anchor) / YEAR_DAYS_445);
  const yearStart = anchor + offset * YEAR_DAYS_445;
  if (Number(dateOfDay(yearStart).slice(0, 4)) !== year) return undefined;
  const periodStart = yearStart + WEEKS_445.slice(0, index).reduce((days, weeks) => days + weeks * 7, 0);
  return period445(dateOfDay(yearStart), index, periodStart, periodStart + WEEKS_445[index] * 7 - 1);
}

/** The period after `period`. */
export function nextPeriod(definition: FiscalCalendarDefinition, period: FiscalPeriod): FiscalPeriod {
  return periodOf(definition, addDays(period.end, 1));
}

function monthPeriod(year: number, month: number): FiscalPeriod {
  const start = `${String(year).padStart(4, '0')}-${pad2(month)}-01`;
  const end = addDays(month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${String(year).padStart(4, '0')}-${pad2(month + 1)}-01`, -1);
  return { periodId: start.slice(0, 7), start, end };
}

function period445(yearStart: string, index: number, start: number, end: number): FiscalPeriod {
  return { periodId: `FY${yearStart.slice(0, 4)}-P${pad2(index + 1)}`, start: dateOfDay(start), end: dateOfDay(end) };
}
