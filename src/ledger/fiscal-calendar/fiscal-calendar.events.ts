import type { CalendarPattern } from './fiscal-periods';

/** The company's periods follow this calendar from now on (stream `fiscal-calendar-<companyCode>`). */
export type FiscalCalendarDefined = {
  type: 'FiscalCalendarDefined';
  data: {
    companyCode: string;
    pattern: CalendarPattern;
    /** A 4-4-5 calendar's first day of some fiscal year; absent for calendar months. */
    yearStart?: string;
    definedBy: string;
    definedAt: string;
  };
};

/**
 * Finance closed the period: from here on in the log, an entry dated in it posts on the first
 * day of the next open period. `change` counts the period's closes and reopens (1 for its first),
 * so a read model can keep every change as a row of its own and read the latest.
 */
export type FiscalPeriodClosed = {
  type: 'FiscalPeriodClosed';
  data: { companyCode: string; periodId: string; start: string; end: string; change: number; closedBy: string; closedAt: string };
};

/** Finance opened a closed period again, and said why: entries dated in it post in it again. */
export type FiscalPeriodReopened = {
  type: 'FiscalPeriodReopened';
  data: { companyCode: string; periodId: string; start: string; end: string; change: number; reason: string; reopenedBy: string; reopenedAt: string };
};

export type FiscalCalendarEvent = FiscalCalendarDefined | FiscalPeriodClosed | FiscalPeriodReopened;

export const FISCAL_CALENDAR_STREAM_PREFIX = 'fiscal-calendar-';
