import type { FiscalCalendarDefinition } from './fiscal-periods';

/** A journal entry of the period that no posting batch holds yet. */
export interface UnbatchedEntry {
  entryId: string;
  postingDate: string;
  sourceType: string;
  sourceId: string;
}

export interface DefineFiscalCalendar {
  kind: 'DefineFiscalCalendar';
  companyCode: string;
  definition: FiscalCalendarDefinition;
  by: string;
  at: string;
}

/**
 * Close a period. `unbatched` is what the application service read in the journal and the
 * posting batches just before sending (the decider sees no read model): the period's entries no
 * batch holds, counted, and the first of them listed.
 */
export interface CloseFiscalPeriod {
  kind: 'CloseFiscalPeriod';
  companyCode: string;
  periodId: string;
  unbatched: { count: number; entries: UnbatchedEntry[] };
  by: string;
  at: string;
}

export interface ReopenFiscalPeriod {
  kind: 'ReopenFiscalPeriod';
  companyCode: string;
  periodId: string;
  reason: string;
  by: string;
  at: string;
}

export type FiscalCalendarCommand = DefineFiscalCalendar | CloseFiscalPeriod | ReopenFiscalPeriod;
