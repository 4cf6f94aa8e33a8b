import type { JournalEntry } from '../posting/journal-entry';
import type { FiscalCalendarEvent } from './fiscal-calendar.events';
import { evolveFiscalCalendar, initialFiscalCalendarState, periodStateOf } from './fiscal-calendar.evolve';
import { type FiscalCalendarDefinition, nextPeriod, periodOf } from './fiscal-periods';

/** A company's calendar as of one point in the log: its periods, and which of them are closed there. */
export interface CalendarAsOf {
  definition: FiscalCalendarDefinition;
  isClosed(periodId: string): boolean;
}

/**
 * The day an entry of business date `date` posts on: its own, unless its period is closed, then
 * the first day of the next period that is open. Only ended periods close (the decider), so the
 * walk ends at the first period that has not.
 */
export function openPostingDate(calendar: CalendarAsOf | undefined, date: string): string {
  if (!calendar) return date;
  let period = periodOf(calendar.definition, date);
  if (!calendar.isClosed(period.periodId)) return date;
  do period = nextPeriod(calendar.definition, period);
  while (calendar.isClosed(period.periodId));
  return period.start;
}

/**
 * The entry as it posts with `calendar`: unchanged, or moved to the first day of the next open
 * period, keeping its business date (present only on a moved entry, which is its flag).
 */
export function placeEntry(entry: JournalEntry, calendar: CalendarAsOf | undefined): JournalEntry {
  const postingDate = openPostingDate(calendar, entry.postingDate);
  return postingDate === entry.postingDate ? entry : { ...entry, postingDate, businessDate: entry.postingDate };
}

/** The calendar a company's calendar events leave (those before the entry's event, for an auditor's rebuild). */
export function calendarFromEvents(events: readonly FiscalCalendarEvent[]): CalendarAsOf | undefined {
  const state = events.reduce(evolveFiscalCalendar, initialFiscalCalendarState());
  if (!state.definition) return undefined;
  return { definition: state.definition, isClosed: (periodId) => periodStateOf(state, periodId)?.status === 'closed' };
}
