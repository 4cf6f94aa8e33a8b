import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { EmptyIsAbsent } from '../../../src/edge/field-rules';
import { FISCAL_PERIOD_ID } from '../../../src/ledger/fiscal-calendar/fiscal-periods';

/**
 * A fiscal period of the company's calendar instead of a date range: it needs `companyCode`
 * (periods are per company) and replaces `rangeFields`, which must then be absent.
 */
export const IsPeriodFilter = (rangeFields: string[]) =>
  applyDecorators(
    ApiPropertyOptional({
      example: '2026-11',
      description: `A fiscal period of the company's calendar (YYYY-MM or FY<year>-P<nn>), instead of ${rangeFields.join(' and ')}; needs companyCode`,
    }),
    EmptyIsAbsent(),
    IsOptional(),
    Matches(FISCAL_PERIOD_ID, { message: '$property must be a fiscal period such as 2026-11 (calendar months) or FY2026-P03 (4-4-5)' }),
    ValidateBy({
      name: 'isPeriodFilter',
      validator: {
        validate: (_value, args?: ValidationArguments) => {
          const query = args!.object as Record<string, unknown>;
          return query.companyCode !== undefined && rangeFields.every((field) => query[field] === undefined);
        },
        defaultMessage: () => `$property needs companyCode and replaces ${rangeFields.join(' and ')}`,
      },
    }),
  );
