import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../../src/access/access-requirements';
import { CommandContext } from '../../../src/edge/command-context';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { CalendarRefDto, DefineCalendarDto, PeriodRefDto, ReopenPeriodDto } from '../dto/fiscal-period-requests.dto';
import { FiscalCalendarCommands } from '../fiscal-calendar-commands.service';

/** `ledgerbridge.finance.v1.FiscalPeriods`: the twin of the /fiscal-calendars routes. */
@Controller()
export class FiscalPeriodsGrpcController {
  constructor(@Inject(FiscalCalendarCommands) private readonly calendars: FiscalCalendarCommands) {}

  @GrpcMethod('FiscalPeriods', 'DefineCalendar')
  @RequireScope('finance:close')
  @Idempotent()
  define(@Payload() dto: DefineCalendarDto, @CommandContext() context: CommandContext) {
    return this.calendars.define(dto, context);
  }

  @GrpcMethod('FiscalPeriods', 'GetCalendar')
  @RequireScope('finance:read', 'finance:close')
  calendar(@Payload() dto: CalendarRefDto) {
    return this.calendars.calendar(dto.companyCode);
  }

  @GrpcMethod('FiscalPeriods', 'GetPeriod')
  @RequireScope('finance:read', 'finance:close')
  period(@Payload() dto: PeriodRefDto) {
    return this.calendars.period(dto.companyCode, dto.periodId);
  }

  @GrpcMethod('FiscalPeriods', 'ClosePeriod')
  @RequireScope('finance:close')
  @Idempotent()
  close(@Payload() dto: PeriodRefDto, @CommandContext() context: CommandContext) {
    return this.calendars.close(dto.companyCode, dto.periodId, context);
  }

  @GrpcMethod('FiscalPeriods', 'ReopenPeriod')
  @RequireScope('finance:close')
  @Idempotent()
  reopen(@Payload() dto: ReopenPeriodDto, @CommandContext() context: CommandContext) {
    return this.calendars.reopen(dto.companyCode, dto.periodId, dto.reason, context);
  }

  @GrpcMethod('FiscalPeriods', 'GetCloseChecklist')
  @RequireScope('finance:read', 'finance:close')
  checklist(@Payload() dto: PeriodRefDto) {
    return this.calendars.checklist(dto.companyCode, dto.periodId);
  }
}
