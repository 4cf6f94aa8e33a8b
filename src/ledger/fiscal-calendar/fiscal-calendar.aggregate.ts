import type { AggregateType, Decider } from '../../runtime/decider';
import type { FiscalCalendarCommand } from './fiscal-calendar.commands';
import { decideFiscalCalendar } from './fiscal-calendar.decide';
import type { FiscalCalendarEvent } from './fiscal-calendar.events';
import { evolveFiscalCalendar, type FiscalCalendarState, initialFiscalCalendarState } from './fiscal-calendar.evolve';

export const fiscalCalendarDecider: Decider<FiscalCalendarCommand, FiscalCalendarEvent, FiscalCalendarState> = {
  initialState: initialFiscalCalendarState,
  decide: decideFiscalCalendar,
  evolve: evolveFiscalCalendar,
};

/** Streams `fiscal-calendar-<companyCode>`: one calendar, and every close and reopen of its periods, per company. */
export const fiscalCalendarAggregate: AggregateType<FiscalCalendarCommand, FiscalCalendarEvent, FiscalCalendarState> = {
  category: 'fiscal-calendar',
  decider: fiscalCalendarDecider,
};
