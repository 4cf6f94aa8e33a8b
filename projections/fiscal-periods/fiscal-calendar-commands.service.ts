import { Inject, Injectable } from '@nestjs/common';
import { BusinessErrorCommands } from '../../src/channels/business-errors';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import type { CommandContext } from '../../src/edge/command-context';
import { AggregateCommands, type CommandsOf } from '../../src/edge/aggregate-commands';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { fiscalCalendarAggregate } from '../../src/ledger/fiscal-calendar/fiscal-calendar.aggregate';
import { FISCAL_CALENDAR_NOT_DEFINED, requirePeriod, UNBATCHED_LISTED } from '../../src/ledger/fiscal-calendar/fiscal-calendar.decide';
import { type FiscalCalendarState, periodStateOf } from '../../src/ledger/fiscal-calendar/fiscal-calendar.evolve';
import type { FiscalCalendarDefinition, FiscalPeriod } from '../../src/ledger/fiscal-calendar/fiscal-periods';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { settlementReconciliations } from '../finance/settlement-reconciliation/settlement-reconciliation.query';
import { ProjectionHost } from '../host/projection-host';
import { journalProjection } from '../journal/journal.projection';
import { postingBatchesProjection } from '../posting-batches/posting-batches.projection';
import { ProjectionDatabase } from '../runner/projection-database';
import type { DefineCalendarDto } from './dto/fiscal-period-requests.dto';
import { FiscalPeriodQueries } from './fiscal-period.queries';
import { type CalendarView, type CloseChecklistView, calendarView, type PeriodView, periodView } from './fiscal-period.views';

/**
 * Fiscal calendars and period closes, for the HTTP and gRPC edges alike. Calendar commands go to
 * the company's `fiscal-calendar` actor; the question whether a period still has entries in no
 * batch is the read models', asked here before the close is sent.
 */
@Injectable()
export class FiscalCalendarCommands {
  private readonly calendars: CommandsOf<typeof fiscalCalendarAggregate>;
  private readonly queries: FiscalPeriodQueries;

  constructor(
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(BusinessErrorCommands) private readonly businessErrors: BusinessErrorCommands,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.calendars = new AggregateCommands(dispatcher, fiscalCalendarAggregate, { code: FISCAL_CALENDAR_NOT_DEFINED, entity: 'fiscal calendar' });
    this.queries = new FiscalPeriodQueries(db);
  }

  async define(dto: DefineCalendarDto, context: CommandContext): Promise<CalendarView> {
    const definition: FiscalCalendarDefinition = dto.pattern === '4-4-5' ? { pattern: '4-4-5', yearStart: dto.yearStart! } : { pattern: 'calendar-months' };
    await this.calendars.send(
      dto.companyCode,
      { kind: 'DefineFiscalCalendar', companyCode: dto.companyCode, definition, by: context.principal, at: new Date().toISOString() },
      context,
    );
    return this.calendar(dto.companyCode);
  }

  async calendar(companyCode: string): Promise<CalendarView> {
    return calendarView(companyCode, await this.defined(companyCode));
  }

  async period(companyCode: string, periodId: string): Promise<PeriodView> {
    const state = await this.defined(companyCode);
    return periodView(companyCode, this.periodOf(companyCode, state, periodId), periodStateOf(state, periodId));
  }

  /**
   * Closes the period once no journal entry of it is outside a posting batch. That is a question
   * for the read models, which the decider cannot see: it is asked here, after the journal and the
   * batches have caught up with the log, and its answer travels in the command for the decider to
   * refuse on. An entry appended after the answer and before the close lands in the log before the
   * close, so it stays in the period and shows on the close checklist.
   */
  async close(companyCode: string, periodId: string, context: CommandContext): Promise<PeriodView> {
    const state = await this.defined(companyCode);
    const period = this.periodOf(companyCode, state, periodId);
    await this.host.caughtUpFor(journalProjection.name, companyCode);
    await this.host.caughtUpFor(postingBatchesProjection.name, companyCode);
    const unbatched = this.queries.unbatchedEntries(companyCode, period.start, period.end, UNBATCHED_LISTED);
    await this.calendars.send(companyCode, { kind: 'CloseFiscalPeriod', companyCode, periodId, unbatched, by: context.principal, at: new Date().toISOString() }, context);
    return this.period(companyCode, periodId);
  }

  async reopen(companyCode: string, periodId: string, reason: string, context: CommandContext): Promise<PeriodView> {
    await this.calendars.send(companyCode, { kind: 'ReopenFiscalPeriod', companyCode, periodId, reason, by: context.principal, at: new Date().toISOString() }, context);
    return this.period(companyCode, periodId);
  }

  /**
   * What stands between finance and closing the period, from the read models as they are: its
   * entries in no batch, its batches some ERP target has not acknowledged, payouts of its days
   * that do not reconcile, and the business-error queue's open entries for the company. An entry
   * whose company is unknown (a sale at a store no location mapping places) may be the company's,
   * so it is listed too, as unknown: better a question on every checklist than a hidden one.
   */
  async checklist(companyCode: string, periodId: string): Promise<CloseChecklistView> {
    const state = await this.defined(companyCode);
    const period = this.periodOf(companyCode, state, periodId);
    const targets = this.config.erpTargets.filter((t) => t.companyCodes.includes(companyCode)).map((t) => t.settings.target);
    const { checkpoint, entries, batches, payouts } = this.db.snapshot(() => ({
      checkpoint: this.queries.journalCheckpoint(),
      entries: this.queries.unbatchedEntries(companyCode, period.start, period.end, UNBATCHED_LISTED),
      batches: this.queries.batchesNotAcknowledged(companyCode, period.start, period.end, targets),
      payouts: settlementReconciliations(this.db, { companyCode, from: period.start, to: period.end }).payouts.filter(
        (p) => p.status !== 'reconciled' || p.transactionCounts.unmatched > 0,
      ),
    }));
    const errors = (await this.businessErrors.list('open')).filter((e) => e.companyCode === undefined || e.companyCode === companyCode);
    const view = periodView(companyCode, period, periodStateOf(state, periodId));
    return {
      ...view,
      checkpoint,
      ready: entries.count === 0 && batches.length === 0 && payouts.length === 0 && errors.length === 0,
      entriesNotBatched: entries,
      batchesNotAcknowledged: { erpTargets: targets, count: batches.length, batches },
      payoutsNotReconciled: {
        count: payouts.length,
        payouts: payouts.map((p) => ({
          provider: p.provider,
          payoutId: p.payoutId,
          payoutDate: p.payoutDate,
          currency: p.currency,
          status: p.status,
          differenceMinor: p.differenceMinor,
          unmatched: p.transactionCounts.unmatched,
        })),
      },
      businessErrorsOpen: {
        count: errors.length,
        entries: errors.map((e) => ({
          id: e.id,
          channel: e.channel,
          deliveryId: e.deliveryId,
          companyCode: e.companyCode ?? null,
          reason: e.reason,
          message: e.message,
          recordedAt: e.recordedAt,
        })),
      },
    };
  }

  private async defined(companyCode: string): Promise<FiscalCalendarState> {
    const { state } = await this.calendars.current(companyCode);
    if (!state.definition) throw new EntityNotFoundError('fiscal calendar', companyCode);
    return state;
  }

  private periodOf(companyCode: string, state: FiscalCalendarState, periodId: string): FiscalPeriod {
    return requirePeriod(state, companyCode, periodId);
  }
}
