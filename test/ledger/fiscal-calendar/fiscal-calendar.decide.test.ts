import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fiscalCalendarDecider } from '../../../src/ledger/fiscal-calendar/fiscal-calendar.aggregate';
import type { CloseFiscalPeriod } from '../../../src/ledger/fiscal-calendar/fiscal-calendar.commands';
import type { FiscalCalendarEvent } from '../../../src/ledger/fiscal-calendar/fiscal-calendar.events';
import { nextPeriod, periodById, periodOf } from '../../../src/ledger/fiscal-calendar/fiscal-periods';
import { calendarFromEvents, openPostingDate } from '../../../src/ledger/fiscal-calendar/period-placement';
import { deciderSpec } from '../../support/decider-spec';

const spec = deciderSpec(fiscalCalendarDecider);

const defined: FiscalCalendarEvent = {
  type: 'FiscalCalendarDefined',
  data: { companyCode: 'US01', pattern: 'calendar-months', definedBy: 'controller', definedAt: '2026-12-01T08:00:00Z' },
};
const closedNovember: FiscalCalendarEvent = {
  type: 'FiscalPeriodClosed',
  data: { companyCode: 'US01', periodId: '2026-11', start: '2026-11-01', end: '2026-11-30', change: 1, closedBy: 'controller', closedAt: '2026-12-02T08:00:00Z' },
};
const close = (periodId: string, unbatched: CloseFiscalPeriod['unbatched'] = { count: 0, entries: [] }, at = '2026-12-02T08:00:00Z'): CloseFiscalPeriod => ({
  kind: 'CloseFiscalPeriod',
  companyCode: 'US01',
  periodId,
  unbatched,
  by: 'controller',
  at,
});

describe('fiscal periods: calendar months and 4-4-5', () => {
  it('cuts calendar months at month ends, leap years included', () => {
    assert.deepEqual(periodOf({ pattern: 'calendar-months' }, '2028-02-14'), { periodId: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    assert.deepEqual(nextPeriod({ pattern: 'calendar-months' }, periodById({ pattern: 'calendar-months' }, '2026-12')!), {
      periodId: '2027-01',
      start: '2027-01-01',
      end: '2027-01-31',
    });
    assert.equal(periodById({ pattern: 'calendar-months' }, 'FY2026-P01'), undefined, "a 4-4-5 period is not a calendar month's");
  });

  it('cuts a 4-4-5 year into 4, 4 and 5 weeks a quarter, 364 days a year, before and after its first day', () => {
    const retail = { pattern: '4-4-5' as const, yearStart: '2026-02-01' };
    const year = Array.from({ length: 12 }, (_, i) => periodById(retail, `FY2026-P${String(i + 1).padStart(2, '0')}`)!);
    assert.deepEqual(year.slice(0, 3), [
      { periodId: 'FY2026-P01', start: '2026-02-01', end: '2026-02-28' },
      { periodId: 'FY2026-P02', start: '2026-03-01', end: '2026-03-28' },
      { periodId: 'FY2026-P03', start: '2026-03-29', end: '2026-05-02' },
    ]);
    assert.equal(year[11].end, '2027-01-30');
    assert.deepEqual(nextPeriod(retail, year[11]), { periodId: 'FY2027-P01', start: '2027-01-31', end: '2027-02-27' });
    assert.deepEqual(periodOf(retail, '2026-01-31'), { periodId: 'FY2025-P12', start: '2025-12-28', end: '2026-01-31' });
    for (const period of year) assert.deepEqual(periodOf(retail, period.start), period, `${period.periodId} holds its own first day`);
  });

  it('places an entry dated in a closed period on the first day of the next open one, skipping closed ones', () => {
    const reopenedDecember: FiscalCalendarEvent[] = [
      defined,
      closedNovember,
      { type: 'FiscalPeriodClosed', data: { ...closedNovember.data, periodId: '2026-12', start: '2026-12-01', end: '2026-12-31', closedAt: '2027-01-05T08:00:00Z' } },
    ];
    assert.equal(openPostingDate(calendarFromEvents(reopenedDecember), '2026-11-28'), '2027-01-01');
    assert.equal(openPostingDate(calendarFromEvents([defined, closedNovember]), '2026-11-28'), '2026-12-01');
    assert.equal(openPostingDate(calendarFromEvents([defined, closedNovember]), '2026-10-31'), '2026-10-31', 'an open period keeps its date');
    assert.equal(openPostingDate(undefined, '2026-11-28'), '2026-11-28', 'a company without a calendar posts as before');
  });
});

describe('fiscal calendar decider', () => {
  it('defines a calendar once; the same definition again changes nothing', () => {
    spec
      .given([])
      .when({ kind: 'DefineFiscalCalendar', companyCode: 'US01', definition: { pattern: 'calendar-months' }, by: 'controller', at: '2026-12-01T08:00:00Z' })
      .then([defined]);
    spec
      .given([defined])
      .when({ kind: 'DefineFiscalCalendar', companyCode: 'US01', definition: { pattern: 'calendar-months' }, by: 'someone', at: '2026-12-03T08:00:00Z' })
      .then([]);
    spec
      .given([defined])
      .when({ kind: 'DefineFiscalCalendar', companyCode: 'US01', definition: { pattern: '4-4-5', yearStart: '2026-02-01' }, by: 'controller', at: '2026-12-03T08:00:00Z' })
      .thenRefuses('FISCAL_CALENDAR_ALREADY_DEFINED');
  });

  it('closes an ended period, audited with who and when', () => {
    spec.given([defined]).when(close('2026-11')).then([closedNovember]);
  });

  it('refuses a close while entries of the period are in no batch, naming them', () => {
    const entries = [{ entryId: 'e-1/payment-captured', postingDate: '2026-11-28', sourceType: 'order', sourceId: 'o-1' }];
    spec
      .given([defined])
      .when(close('2026-11', { count: 1, entries }))
      .thenRefuses('PERIOD_HAS_UNBATCHED_ENTRIES', { count: 1, entries });
  });

  it('refuses a period that has not ended, one already closed, one not in the calendar, and any before the calendar exists', () => {
    spec
      .given([defined])
      .when(close('2026-12', undefined, '2026-12-31T23:59:59Z'))
      .thenRefuses('PERIOD_NOT_ENDED', { end: '2026-12-31' });
    spec.given([defined, closedNovember]).when(close('2026-11')).thenRefuses('PERIOD_ALREADY_CLOSED', { closedBy: 'controller' });
    spec.given([defined]).when(close('FY2026-P01')).thenRefuses('PERIOD_NOT_IN_CALENDAR');
    spec.given([]).when(close('2026-11')).thenRefuses('FISCAL_CALENDAR_NOT_DEFINED');
  });

  it('reopens a closed period with its reason, and closes it again as the third change', () => {
    const reopened: FiscalCalendarEvent = {
      type: 'FiscalPeriodReopened',
      data: {
        companyCode: 'US01',
        periodId: '2026-11',
        start: '2026-11-01',
        end: '2026-11-30',
        change: 2,
        reason: 'late credit note',
        reopenedBy: 'cfo',
        reopenedAt: '2026-12-03T08:00:00Z',
      },
    };
    spec
      .given([defined, closedNovember])
      .when({ kind: 'ReopenFiscalPeriod', companyCode: 'US01', periodId: '2026-11', reason: 'late credit note', by: 'cfo', at: '2026-12-03T08:00:00Z' })
      .then([reopened]);
    spec
      .given([defined])
      .when({ kind: 'ReopenFiscalPeriod', companyCode: 'US01', periodId: '2026-11', reason: 'why not', by: 'cfo', at: '2026-12-03T08:00:00Z' })
      .thenRefuses('PERIOD_NOT_CLOSED');
    const [again] = spec
      .given([defined, closedNovember, reopened])
      .when(close('2026-11', undefined, '2026-12-04T08:00:00Z'))
      .events();
    assert.deepEqual(again.data, { ...closedNovember.data, change: 3, closedAt: '2026-12-04T08:00:00Z' });
    const state = spec.stateAfter([defined, closedNovember, reopened]);
    assert.deepEqual(
      state.periods[0].history.map((c) => [c.action, c.by, c.reason ?? null]),
      [
        ['closed', 'controller', null],
        ['reopened', 'cfo', 'late credit note'],
      ],
    );
  });
});
