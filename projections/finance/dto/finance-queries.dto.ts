import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { ERP_NAMES, type ErpName } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { EmptyIsAbsent, IsCalendarDate, IsCompanyCodeFilter, IsEntityId } from '../../../src/edge/field-rules';
import { IsNotBefore } from './date-range.rule';
import { IsPeriodFilter } from './period-filter.rule';

/**
 * Required unless the query names a fiscal period instead. OpenAPI cannot make one query
 * parameter depend on another, so the document marks the range optional and says so (a required
 * `from` would keep Swagger UI from sending a period-only query).
 */
const UnlessPeriod = () => ValidateIf((query: { period?: string }) => query.period === undefined);

export class TrialBalanceQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First posting date, YYYY-MM-DD (included); required unless `period` is given, absent with it' })
  @EmptyIsAbsent()
  @UnlessPeriod()
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Last posting date, YYYY-MM-DD (included); not before `from`; required unless `period` is given, absent with it',
  })
  @EmptyIsAbsent()
  @UnlessPeriod()
  @IsCalendarDate()
  @IsNotBefore('from')
  to!: string;

  @IsCompanyCodeFilter()
  companyCode?: string;

  @IsPeriodFilter(['from', 'to'])
  period?: string;

  @ApiPropertyOptional({ enum: ERP_NAMES, description: "Also sum the rows by this ERP's GL accounts (from the chart of accounts)" })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(ERP_NAMES, { message: `$property must be one of ${ERP_NAMES.join(', ')}` })
  erp?: ErpName;
}

export class OpenItemsQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Open at the end of this posting date (YYYY-MM-DD); now when omitted' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @IsCompanyCodeFilter()
  companyCode?: string;

  /** Open at the end of the period's last day. */
  @IsPeriodFilter(['asOf'])
  period?: string;
}

export class PromotionCostQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (UTC) of the cost events counted, YYYY-MM-DD' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day counted, YYYY-MM-DD; not before `from`' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ example: 'acme', description: 'Only promotions this vendor co-funds' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsEntityId()
  vendorId?: string;

  /** The cost of orders placed under this company. */
  @IsCompanyCodeFilter()
  companyCode?: string;

  /** Cost events dated in the period. */
  @IsPeriodFilter(['from', 'to'])
  period?: string;
}

export const RECONCILIATION_STATUSES = ['reconciled', 'discrepancy'] as const;

export class SettlementReconciliationsQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First payout date, YYYY-MM-DD' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last payout date, YYYY-MM-DD; not before `from`' })
  @EmptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @IsCompanyCodeFilter()
  companyCode?: string;

  /** Payouts dated in the period. */
  @IsPeriodFilter(['from', 'to'])
  period?: string;

  @ApiPropertyOptional({ enum: RECONCILIATION_STATUSES })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(RECONCILIATION_STATUSES, { message: `$property must be one of ${RECONCILIATION_STATUSES.join(', ')}` })
  status?: (typeof RECONCILIATION_STATUSES)[number];
}
