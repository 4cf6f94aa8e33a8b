import { isCurrencyCode, isMinorUnits } from '../../money';
import { isCalendarDate } from '../../time/calendar-date';
import { isInstant } from '../../time/instant';
import type { RegisterCloseCommand } from './register-close.commands';
import type { RegisterCloseEvent, TenderOverShort } from './register-close.events';
import { refuse } from './register-close.refusals';
import type { RegisterCloseState } from './register-close.evolve';

/**
 * Over/short is recorded as counted, never adjusted: the ledger posts a short to
 * expense.cash-over-short and the counted cash to deposit-in-transit. A register day closes once;
 * a recount is a correction for finance, not a second close.
 */
export function decideRegisterClose(command: RegisterCloseCommand, state: RegisterCloseState): RegisterCloseEvent[] {
  if (state.closed) {
    refuse('REGISTER_ALREADY_CLOSED', `register ${command.registerId} is already closed for ${command.businessDate}`, {
      closedAt: state.closed.closedAt,
    });
  }
  const { storeId, registerId, businessDate, companyCode, currency, closedAt } = command;
  if (!isCurrencyCode(currency)) refuse('INVALID_CURRENCY', `${JSON.stringify(currency)} is not an ISO 4217 currency`);
  if (!isCalendarDate(businessDate)) refuse('INVALID_DATE', `business date ${JSON.stringify(businessDate)} is not a YYYY-MM-DD calendar date`);
  if (!isInstant(closedAt)) refuse('INVALID_TIMESTAMP', `closedAt ${JSON.stringify(closedAt)} is not an ISO timestamp with an offset within ±14:00`);
  if (command.tenders.length === 0) refuse('NO_TENDERS', 'a register close counts at least one tender');
  const seen = new Set<string>();
  const tenders: TenderOverShort[] = command.tenders.map(({ tender, expectedMinor, countedMinor }) => {
    if (seen.has(tender)) refuse('DUPLICATE_TENDER', `tender ${tender} is counted twice`, { tender });
    seen.add(tender);
    const overShortMinor = countedMinor - expectedMinor;
    if (![expectedMinor, countedMinor, overShortMinor].every((amount) => isMinorUnits(amount))) {
      refuse('INVALID_AMOUNT', `tender ${tender}: expected, counted and over/short must be whole minor units within ±10^12`, {
        tender,
        expectedMinor,
        countedMinor,
        overShortMinor,
      });
    }
    return { tender, expectedMinor, countedMinor, overShortMinor };
  });
  const totals = tenders.reduce(
    (sum, t) => ({
      expectedMinor: sum.expectedMinor + t.expectedMinor,
      countedMinor: sum.countedMinor + t.countedMinor,
      overShortMinor: sum.overShortMinor + t.overShortMinor,
    }),
    { expectedMinor: 0, countedMinor: 0, overShortMinor: 0 },
  );
  if (!Object.values(totals).every((amount) => isMinorUnits(amount))) {
    refuse('INVALID_AMOUNT', 'the totals over all tenders must be within ±10^12 minor units', { totals });
  }
  return [
    {
      type: 'RegisterClosed',
      data: { storeId, registerId, businessDate, companyCode, currency, tenders, totals, closedAt, ...(command.closedBy !== undefined && { closedBy: command.closedBy }) },
    },
  ];
}
