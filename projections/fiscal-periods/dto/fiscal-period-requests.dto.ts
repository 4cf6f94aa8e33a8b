import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { EmptyIsAbsent, IsCompanyCode, IsLabel } from '../../../src/edge/field-rules';
import { isCalendarDate } from '../../../src/time/calendar-date';
import { CALENDAR_PATTERNS, type CalendarPattern, FISCAL_PERIOD_ID } from '../../../src/ledger/fiscal-calendar/fiscal-periods';

export const IsFiscalPeriodId = () => Matches(FISCAL_PERIOD_ID, { message: '$property must be a fiscal period such as 2026-11 (calendar months) or FY2026-P03 (4-4-5)' });

/** A 4-4-5 calendar's first day is required and a date; calendar months take none. */
const IsYearStart = () =>
  ValidateBy({
    name: 'isYearStart',
    validator: {
      validate: (value, args?: ValidationArguments) => ((args!.object as DefineCalendarDto).pattern === '4-4-5' ? isCalendarDate(value) : value === undefined),
      defaultMessage: (args?: ValidationArguments) =>
        (args!.object as DefineCalendarDto).pattern === '4-4-5'
          ? '$property must be a calendar date YYYY-MM-DD (a 4-4-5 calendar needs it)'
          : '$property is only for a 4-4-5 calendar',
    },
  });

/** A company's fiscal calendar, defined once. */
export class DefineCalendarDto {
  @IsCompanyCode()
  companyCode!: string;

  @ApiProperty({ enum: CALENDAR_PATTERNS, example: 'calendar-months', description: 'calendar-months (periods YYYY-MM) or 4-4-5 (periods FY<year>-P01..P12 of 4, 4 and 5 weeks)' })
  @IsIn(CALENDAR_PATTERNS, { message: `$property must be one of ${CALENDAR_PATTERNS.join(', ')}` })
  pattern!: CalendarPattern;

  @ApiPropertyOptional({ example: '2026-02-01', description: 'A 4-4-5 calendar only: the first day of one of its fiscal years (each 364 days)' })
  @EmptyIsAbsent()
  @IsYearStart()
  yearStart?: string;
}

export class CalendarRefDto {
  @IsCompanyCode()
  companyCode!: string;
}

export class PeriodRefDto extends CalendarRefDto {
  @ApiProperty({ example: '2026-11', description: 'YYYY-MM (calendar months) or FY<year>-P<nn> (4-4-5)' })
  @IsFiscalPeriodId()
  periodId!: string;
}

export class ReopenBodyDto {
  @ApiProperty({ example: 'late supplier credit note to book in November', description: 'Why the period opens again: kept in its audit trail' })
  @IsLabel(500)
  reason!: string;
}

/** gRPC's ReopenPeriod: the period and the reason in one message. */
export class ReopenPeriodDto extends PeriodRefDto {
  @ApiProperty({ example: 'late supplier credit note to book in November' })
  @IsLabel(500)
  reason!: string;
}
