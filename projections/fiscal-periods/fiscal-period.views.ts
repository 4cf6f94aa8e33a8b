import type { FiscalCalendarState, PeriodChange, PeriodState } from '../../src/ledger/fiscal-calendar/fiscal-calendar.evolve';
import type { UnbatchedEntry } from '../../src/ledger/fiscal-calendar/fiscal-calendar.commands';
import type { FiscalPeriod } from '../../src/ledger/fiscal-calendar/fiscal-periods';
import type { PeriodBatch } from './fiscal-period.queries';

/** A period, whether it is closed now, and every close and reopen of it (who, when, why). */
export interface PeriodView {
  companyCode: string;
  periodId: string;
  start: string;
  end: string;
  status: 'open' | 'closed';
  history: PeriodChange[];
}

/** A company's calendar and the periods ever closed, in the order they were first closed. */
export interface CalendarView {
  companyCode: string;
  pattern: string;
  yearStart?: string;
  definedBy: string;
  definedAt: string;
  periods: PeriodView[];
}

export interface CloseChecklistView extends PeriodView {
  /** The journal's position the lists reflect. */
  checkpoint: string | null;
  /** True when every list below is empty. */
  ready: boolean;
  entriesNotBatched: { count: number; entries: UnbatchedEntry[] };
  batchesNotAcknowledged: { erpTargets: string[]; count: number; batches: PeriodBatch[] };
  payoutsNotReconciled: {
    count: number;
    payouts: Array<{ provider: string; payoutId: string; payoutDate: string; currency: string; status: string; differenceMinor: number; unmatched: number }>;
  };
  /** The company's open entries and those whose company is unknown (`companyCode: null`). */
  businessErrorsOpen: {
    count: number;
    entries: Array<{ id: string; channel: string; deliveryId: string; companyCode: string | null; reason: string; message: string; recordedAt: string }>;
  };
}

export function periodView(companyCode: string, period: FiscalPeriod, state: PeriodState | undefined): PeriodView {
  return { companyCode, periodId: period.periodId, start: period.start, end: period.end, status: state?.status ?? 'open', history: state?.history ?? [] };
}

export function calendarView(companyCode: string, state: FiscalCalendarState): CalendarView {
  const definition = state.definition!;
  return {
    companyCode,
    pattern: definition.pattern,
    ...(definition.pattern === '4-4-5' && { yearStart: definition.yearStart }),
    definedBy: state.defined!.by,
    definedAt: state.defined!.at,
    periods: state.periods.map((p) => periodView(companyCode, p, p)),
  };
}
