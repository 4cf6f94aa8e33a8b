import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ERP_NAMES, type ErpName } from '../../../projections/chart-of-accounts/chart-of-accounts';
import { COMPANY_CODE, IsCalendarDate, IsEntityId } from '../../edge/field-rules';
import { IsNotBefore } from './date-range.rule';

/** gRPC sends an unset string as ''; over both transports an empty filter means no filter. */
const emptyIsAbsent = () => Transform(({ value }) => (value === '' ? undefined : value));

const IsCompanyCodeFilter = () => Matches(COMPANY_CODE, { message: '$property must be a company code of 1-16 letters and digits' });

export class TrialBalanceQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First posting date, YYYY-MM-DD (included)' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last posting date, YYYY-MM-DD (included); not before `from`' })
  @IsCalendarDate()
  @IsNotBefore('from')
  to!: string;

  @ApiPropertyOptional({ example: 'US01', description: 'Only this company; all companies when omitted' })
  @emptyIsAbsent()
  @IsOptional()
  @IsString()
  @IsCompanyCodeFilter()
  companyCode?: string;

  @ApiPropertyOptional({ enum: ERP_NAMES, description: "Also sum the rows by this ERP's GL accounts (from the chart of accounts)" })
  @emptyIsAbsent()
  @IsOptional()
  @IsIn(ERP_NAMES, { message: `$property must be one of ${ERP_NAMES.join(', ')}` })
  erp?: ErpName;
}

export class OpenItemsQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Open at the end of this posting date (YYYY-MM-DD); now when omitted' })
  @emptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ example: 'US01' })
  @emptyIsAbsent()
  @IsOptional()
  @IsString()
  @IsCompanyCodeFilter()
  companyCode?: string;
}

export class PromotionCostQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (UTC) of the cost events counted, YYYY-MM-DD' })
  @emptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day counted, YYYY-MM-DD; not before `from`' })
  @emptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ example: 'acme', description: "Only promotions this vendor co-funds" })
  @emptyIsAbsent()
  @IsOptional()
  @IsEntityId()
  vendorId?: string;
}

export const RECONCILIATION_STATUSES = ['reconciled', 'discrepancy'] as const;

export class SettlementReconciliationsQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First payout date, YYYY-MM-DD' })
  @emptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last payout date, YYYY-MM-DD; not before `from`' })
  @emptyIsAbsent()
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ example: 'US01' })
  @emptyIsAbsent()
  @IsOptional()
  @IsString()
  @IsCompanyCodeFilter()
  companyCode?: string;

  @ApiPropertyOptional({ enum: RECONCILIATION_STATUSES })
  @emptyIsAbsent()
  @IsOptional()
  @IsIn(RECONCILIATION_STATUSES, { message: `$property must be one of ${RECONCILIATION_STATUSES.join(', ')}` })
  status?: (typeof RECONCILIATION_STATUSES)[number];
}
