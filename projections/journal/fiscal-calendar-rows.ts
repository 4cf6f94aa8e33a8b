import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { FiscalCalendarEvent } from '../../src/ledger/fiscal-calendar/fiscal-calendar.events';
import type { FiscalCalendarDefinition } from '../../src/ledger/fiscal-calendar/fiscal-periods';
import type { CalendarAsOf } from '../../src/ledger/fiscal-calendar/period-placement';
import type { ProjectionWriter, Row } from '../runner/projection';
import { FISCAL_CALENDARS, PERIOD_CHANGES } from './journal.tables';

/**
 * The journal folds each company's calendar events into its own rows, in log order, so an entry
 * is placed by the periods closed before it in the log: live and a rebuild from position 0 place
 * every entry alike, whatever was closed or reopened later.
 */
export function recordCalendarEvent(writer: ProjectionWriter, event: RecordedEvent): void {
  const fact = event as unknown as FiscalCalendarEvent;
  const position = event.globalPosition.toString();
  switch (fact.type) {
    case 'FiscalCalendarDefined':
      writer.insert(FISCAL_CALENDARS.name, { company_code: fact.data.companyCode, pattern: fact.data.pattern, year_start: fact.data.yearStart ?? null });
      return;
    case 'FiscalPeriodClosed':
    case 'FiscalPeriodReopened': {
      const { companyCode, periodId, change, start, end } = fact.data;
      const status = fact.type === 'FiscalPeriodClosed' ? 'closed' : 'open';
      writer.insert(PERIOD_CHANGES.name, { company_code: companyCode, period_id: periodId, change, status, start, end, global_position: position });
      return;
    }
  }
}

/**
 * The company's calendar as the rows hold it now (that is, before the event being applied);
 * undefined without one. Read once per batch while no calendar event comes (nearly every event
 * posts by it), and each period's state once.
 */
export function calendarFromRows(writer: ProjectionWriter, companyCode: string): CalendarAsOf | undefined {
  return writer.remember(`fiscal-calendar:${companyCode}`, [FISCAL_CALENDARS.name, PERIOD_CHANGES.name], () => {
    const row = writer.find(FISCAL_CALENDARS.name, { company_code: companyCode });
    if (!row) return undefined;
    const definition: FiscalCalendarDefinition = row.pattern === '4-4-5' ? { pattern: '4-4-5', yearStart: String(row.year_start) } : { pattern: 'calendar-months' };
    const closed = new Map<string, boolean>();
    return {
      definition,
      isClosed(periodId) {
        let known = closed.get(periodId);
        if (known === undefined) closed.set(periodId, (known = latestChange(writer, companyCode, periodId)?.status === 'closed'));
        return known;
      },
    };
  });
}

/** A period's changes are numbered from 1; its latest says whether it is closed (a few at most). */
function latestChange(writer: ProjectionWriter, companyCode: string, periodId: string): Row | undefined {
  let latest: Row | undefined;
  for (let change = 1; ; change += 1) {
    const found = writer.find(PERIOD_CHANGES.name, { company_code: companyCode, period_id: periodId, change });
    if (!found) return latest;
    latest = found;
  }
}
