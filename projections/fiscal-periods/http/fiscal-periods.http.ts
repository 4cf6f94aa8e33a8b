import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../../src/access/access-requirements';
import { CreatedAnswer, ExampleBody, OkAnswer } from '../../../src/api-docs/documented';
import { CommandContext } from '../../../src/edge/command-context';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { CalendarRefDto, DefineCalendarDto, PeriodRefDto, ReopenBodyDto } from '../dto/fiscal-period-requests.dto';
import { FiscalCalendarCommands } from '../fiscal-calendar-commands.service';
import { CALENDAR, CHECKLIST, DEFINE_CALENDAR, PERIOD, REOPEN, REOPENED_PERIOD } from './fiscal-period-examples';

/** Fiscal calendars, period closes and reopens (finance:close), and the close checklist. */
@ApiTags('finance')
@Controller('fiscal-calendars')
export class FiscalPeriodsHttpController {
  constructor(@Inject(FiscalCalendarCommands) private readonly calendars: FiscalCalendarCommands) {}

  @Post()
  @RequireScope('finance:close')
  @Idempotent()
  @ApiOperation({ summary: "Defines a company's fiscal calendar (calendar months or 4-4-5), once." })
  @ExampleBody(DefineCalendarDto, DEFINE_CALENDAR)
  @CreatedAnswer('The calendar', { example: { ...CALENDAR, periods: [] } })
  define(@Body() dto: DefineCalendarDto, @CommandContext() context: CommandContext) {
    return this.calendars.define(dto, context);
  }

  @Get(':companyCode')
  @RequireScope('finance:read', 'finance:close')
  @ApiOperation({ summary: 'The calendar and every period ever closed, with who closed or reopened it, when and why.' })
  @OkAnswer('The calendar', { example: CALENDAR })
  calendar(@Param() path: CalendarRefDto) {
    return this.calendars.calendar(path.companyCode);
  }

  @Get(':companyCode/periods/:periodId')
  @RequireScope('finance:read', 'finance:close')
  @OkAnswer('The period, whether it is closed, and its closes and reopens', { example: PERIOD })
  period(@Param() path: PeriodRefDto) {
    return this.calendars.period(path.companyCode, path.periodId);
  }

  /** Refused (422 PERIOD_HAS_UNBATCHED_ENTRIES, listing them) while an entry of the period is in no posting batch. */
  @Post(':companyCode/periods/:periodId/closing')
  @HttpCode(200)
  @RequireScope('finance:close')
  @Idempotent()
  @ApiOperation({ summary: 'Closes an ended period: later entries dated in it post on the first day of the next open period.' })
  @OkAnswer('The period, closed', { example: PERIOD })
  close(@Param() path: PeriodRefDto, @CommandContext() context: CommandContext) {
    return this.calendars.close(path.companyCode, path.periodId, context);
  }

  @Post(':companyCode/periods/:periodId/reopening')
  @HttpCode(200)
  @RequireScope('finance:close')
  @Idempotent()
  @ApiOperation({ summary: 'Opens a closed period again, with the reason kept in its audit trail.' })
  @ExampleBody(ReopenBodyDto, REOPEN)
  @OkAnswer('The period, open again', { example: REOPENED_PERIOD })
  reopen(@Param() path: PeriodRefDto, @Body() body: ReopenBodyDto, @CommandContext() context: CommandContext) {
    return this.calendars.reopen(path.companyCode, path.periodId, body.reason, context);
  }

  @Get(':companyCode/periods/:periodId/checklist')
  @RequireScope('finance:read', 'finance:close')
  @ApiOperation({ summary: "What stands between finance and the period's close: entries not batched, batches not acknowledged, payouts not reconciled, business errors open." })
  @OkAnswer('The checklist', { example: CHECKLIST })
  checklist(@Param() path: PeriodRefDto) {
    return this.calendars.checklist(path.companyCode, path.periodId);
  }
}
