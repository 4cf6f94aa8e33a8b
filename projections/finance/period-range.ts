import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { type FiscalPeriod, periodById } from '../../src/ledger/fiscal-calendar/fiscal-periods';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { FiscalPeriodQueries } from '../fiscal-periods/fiscal-period.queries';
import type { ProjectionDatabase } from '../runner/projection-database';

/**
 * The days of a company's fiscal period, by its calendar as the journal holds it: the posting
 * dates the period's entries carry (an entry moved out of a closed period is in the one it posts in).
 */
export function periodRange(db: ProjectionDatabase, companyCode: string, periodId: string): FiscalPeriod {
  const definition = new FiscalPeriodQueries(db).calendarOf(companyCode);
  if (!definition) throw new EntityNotFoundError('fiscal calendar', companyCode);
  const period = periodById(definition, periodId);
  if (!period) throw new BusinessRuleRefusal('PERIOD_NOT_IN_CALENDAR', `${periodId} is not a period of ${companyCode}'s ${definition.pattern} calendar`, { companyCode, periodId });
  return period;
}
