import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import type { CloseFiscalPeriod, DefineFiscalCalendar, FiscalCalendarCommand, ReopenFiscalPeriod } from './fiscal-calendar.commands';
import type { FiscalCalendarEvent } from './fiscal-calendar.events';
import { type FiscalCalendarState, periodStateOf } from './fiscal-calendar.evolve';
import { definitionProblem, type FiscalPeriod, periodById } from './fiscal-periods';

/** Refused for a company whose calendar was never defined; the edge answers it as 404. */
export const FISCAL_CALENDAR_NOT_DEFINED = 'FISCAL_CALENDAR_NOT_DEFINED';

/** At most this many unbatched entries are named in a refused close (the count is always whole). */
export const UNBATCHED_LISTED = 100;

export function decideFiscalCalendar(command: FiscalCalendarCommand, state: FiscalCalendarState): FiscalCalendarEvent[] {
  switch (command.kind) {
    case 'DefineFiscalCalendar':
      return define(command, state);
    case 'CloseFiscalPeriod':
      return close(command, state);
    case 'ReopenFiscalPeriod':
      return reopen(command, state);
  }
}

/**
 * A calendar is defined once: moving period boundaries under entries already placed by them
 * would move those entries' periods after the fact. The same definition again changes nothing.
 */
function define(command: DefineFiscalCalendar, state: FiscalCalendarState): FiscalCalendarEvent[] {
  const { companyCode, definition } = command;
  const problem = definitionProblem(definition);
  if (problem) throw new BusinessRuleRefusal('FISCAL_CALENDAR_INVALID', `${companyCode}'s calendar: ${problem}`, { companyCode });
  if (state.definition) {
    if (JSON.stringify(state.definition) === JSON.stringify(definition)) return [];
    throw new BusinessRuleRefusal('FISCAL_CALENDAR_ALREADY_DEFINED', `${companyCode} already follows a ${state.definition.pattern} calendar; a calendar is defined once`, {
      companyCode,
      definition: state.definition,
    });
  }
  return [
    {
      type: 'FiscalCalendarDefined',
      data: { companyCode, pattern: definition.pattern, ...(definition.pattern === '4-4-5' && { yearStart: definition.yearStart }), definedBy: command.by, definedAt: command.at },
    },
  ];
}

/**
 * The period must have ended (its last day before the day of `at`) and every journal entry dated
 * in it must be in a posting batch: an entry left out would stay in a period finance has signed off.
 * Later entries dated in it post in the next open period (journal projection).
 */
function close(command: CloseFiscalPeriod, state: FiscalCalendarState): FiscalCalendarEvent[] {
  const { companyCode, periodId, unbatched } = command;
  const period = requirePeriod(state, companyCode, periodId);
  const known = periodStateOf(state, periodId);
  if (known?.status === 'closed') {
    const last = known.history[known.history.length - 1];
    throw new BusinessRuleRefusal('PERIOD_ALREADY_CLOSED', `${companyCode} ${periodId} was closed by ${last.by} at ${last.at}`, {
      companyCode,
      periodId,
      closedBy: last.by,
      closedAt: last.at,
    });
  }
  if (command.at.slice(0, 10) <= period.end) {
    throw new BusinessRuleRefusal('PERIOD_NOT_ENDED', `${companyCode} ${periodId} runs until ${period.end}: a period closes after its last day`, {
      companyCode,
      periodId,
      end: period.end,
    });
  }
  if (unbatched.count > 0) {
    throw new BusinessRuleRefusal(
      'PERIOD_HAS_UNBATCHED_ENTRIES',
      `${companyCode} ${periodId} has ${unbatched.count} journal entr${unbatched.count === 1 ? 'y' : 'ies'} in no posting batch: close their batches first (first: ${unbatched.entries[0]?.entryId})`,
      { companyCode, periodId, count: unbatched.count, entries: unbatched.entries.slice(0, UNBATCHED_LISTED) },
    );
  }
  return [
    {
      type: 'FiscalPeriodClosed',
      data: { companyCode, periodId, start: period.start, end: period.end, change: (known?.history.length ?? 0) + 1, closedBy: command.by, closedAt: command.at },
    },
  ];
}

function reopen(command: ReopenFiscalPeriod, state: FiscalCalendarState): FiscalCalendarEvent[] {
  const { companyCode, periodId } = command;
  const period = requirePeriod(state, companyCode, periodId);
  const known = periodStateOf(state, periodId);
  if (known?.status !== 'closed') throw new BusinessRuleRefusal('PERIOD_NOT_CLOSED', `${companyCode} ${periodId} is open`, { companyCode, periodId });
  if (command.reason.trim() === '') throw new BusinessRuleRefusal('REOPEN_REASON_MISSING', `reopening ${companyCode} ${periodId} needs a reason`, { companyCode, periodId });
  return [
    {
      type: 'FiscalPeriodReopened',
      data: {
        companyCode,
        periodId,
        start: period.start,
        end: period.end,
        change: known.history.length + 1,
        reason: command.reason,
        reopenedBy: command.by,
        reopenedAt: command.at,
      },
    },
  ];
}

/** The period `periodId` names in the company's calendar, or the refusal: no calendar, or no such period in it. */
export function requirePeriod(state: FiscalCalendarState, companyCode: string, periodId: string): FiscalPeriod {
  if (!state.definition) throw new BusinessRuleRefusal(FISCAL_CALENDAR_NOT_DEFINED, `${companyCode} has no fiscal calendar`, { companyCode });
  const period = periodById(state.definition, periodId);
  if (!period) {
    const form = state.definition.pattern === 'calendar-months' ? 'YYYY-MM' : 'FY<year>-P<01-12>, the year being the one its fiscal year starts in';
    throw new BusinessRuleRefusal('PERIOD_NOT_IN_CALENDAR', `${periodId} is not a period of ${companyCode}'s ${state.definition.pattern} calendar (periods are named ${form})`, {
      companyCode,
      periodId,
    });
  }
  return period;
}
