import type { FiscalCalendarEvent } from './fiscal-calendar.events';
import type { FiscalCalendarDefinition } from './fiscal-periods';

/** One close or reopen of a period, as the audit trail shows it. */
export interface PeriodChange {
  change: number;
  action: 'closed' | 'reopened';
  by: string;
  at: string;
  reason?: string;
}

/** A period that has been closed at least once; periods never closed are open. */
export interface PeriodState {
  periodId: string;
  start: string;
  end: string;
  status: 'closed' | 'open';
  history: PeriodChange[];
}

export interface FiscalCalendarState {
  definition: FiscalCalendarDefinition | null;
  defined: { by: string; at: string } | null;
  /** In the order they were first closed. */
  periods: PeriodState[];
}

export function initialFiscalCalendarState(): FiscalCalendarState {
  return { definition: null, defined: null, periods: [] };
}

export function evolveFiscalCalendar(state: FiscalCalendarState, event: FiscalCalendarEvent): FiscalCalendarState {
  switch (event.type) {
    case 'FiscalCalendarDefined': {
      const { pattern, yearStart, definedBy, definedAt } = event.data;
      const definition: FiscalCalendarDefinition = pattern === '4-4-5' ? { pattern, yearStart: yearStart! } : { pattern: 'calendar-months' };
      return { ...state, definition, defined: { by: definedBy, at: definedAt } };
    }
    case 'FiscalPeriodClosed': {
      const { periodId, start, end, change, closedBy, closedAt } = event.data;
      return withPeriod(state, { periodId, start, end }, 'closed', { change, action: 'closed', by: closedBy, at: closedAt });
    }
    case 'FiscalPeriodReopened': {
      const { periodId, start, end, change, reason, reopenedBy, reopenedAt } = event.data;
      return withPeriod(state, { periodId, start, end }, 'open', { change, action: 'reopened', by: reopenedBy, at: reopenedAt, reason });
    }
  }
}

function withPeriod(
  state: FiscalCalendarState,
  period: { periodId: string; start: string; end: string },
  status: PeriodState['status'],
  change: PeriodChange,
): FiscalCalendarState {
  const known = state.periods.find((p) => p.periodId === period.periodId);
  const updated: PeriodState = { ...period, status, history: [...(known?.history ?? []), change] };
  return { ...state, periods: known ? state.periods.map((p) => (p === known ? updated : p)) : [...state.periods, updated] };
}

export function periodStateOf(state: FiscalCalendarState, periodId: string): PeriodState | undefined {
  return state.periods.find((p) => p.periodId === periodId);
}
