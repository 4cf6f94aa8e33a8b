import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../src/access/access-requirements';
import { PayoutRefDto } from '../../src/settlement/dto/match-transaction.dto';
import { OpenItemsQuery, PromotionCostQuery, SettlementReconciliationsQuery, TrialBalanceQuery } from './dto/finance-queries.dto';
import { OpenItemsView, PromotionCostView, SettlementReconciliationsView, SettlementReconciliationView, TrialBalanceView } from './dto/finance.views';
import * as example from './finance-examples';
import { FinanceViews } from './finance-views';

/**
 * The two forms of a view's time filter. OpenAPI cannot tie query parameters to each other, so
 * the operation says it (and the range parameters are optional in the document).
 */
const PERIOD_OR_RANGE = (range: string) =>
  `Either ${range}, or \`period\` (a fiscal period of the company's calendar) with \`companyCode\` and without the range; ` +
  'a period without companyCode, or with the range, is refused (400 naming `period`).';

/** Finance views over HTTP: read-only, from read models, all under `finance:read`. */
@ApiTags('finance')
@Controller('finance')
@RequireScope('finance:read')
export class FinanceHttpController {
  constructor(@Inject(FinanceViews) private readonly views: FinanceViews) {}

  @Get('trial-balance')
  @ApiOperation({
    summary: 'Debits, credits and balance per company, account role and currency over a posting-date range or a fiscal period.',
    description: PERIOD_OR_RANGE('`from` and `to` (posting dates)'),
  })
  @ApiOkResponse({
    description: 'Per company, account role and currency: debits, credits and balance; with erp, also by that ERP’s GL account',
    type: TrialBalanceView,
    example: example.TRIAL_BALANCE,
  })
  trialBalance(@Query() query: TrialBalanceQuery): TrialBalanceView {
    return this.views.trialBalance(query);
  }

  @Get('open-items')
  @ApiOperation({
    summary: 'Per order: deposits captured but not yet earned, and refunds owed for returns not yet refunded.',
    description: PERIOD_OR_RANGE('`asOf` (open at the end of that posting date; now when omitted too)'),
  })
  @ApiOkResponse({ description: 'The open items', type: OpenItemsView, example: example.OPEN_ITEMS })
  openItems(@Query() query: OpenItemsQuery): OpenItemsView {
    return this.views.openItems(query);
  }

  @Get('promotion-cost')
  @ApiOperation({
    summary: 'Promotion cost per promotion and currency, split by funding source and vendor.',
    description: PERIOD_OR_RANGE('`from` and/or `to` (cost dates; every date when omitted)'),
  })
  @ApiOkResponse({ description: 'Per promotion and currency, then per funder', type: PromotionCostView, example: example.PROMOTION_COST })
  promotionCost(@Query() query: PromotionCostQuery): PromotionCostView {
    return this.views.promotionCost(query);
  }

  @Get('settlements')
  @ApiOperation({
    summary: 'Payouts with their reconciliation status and how many transactions match an order.',
    description: PERIOD_OR_RANGE('`from` and/or `to` (payout dates; every date when omitted)'),
  })
  @ApiOkResponse({ description: 'The payouts with their reconciliation', type: SettlementReconciliationsView, example: example.SETTLEMENTS })
  settlementReconciliations(@Query() query: SettlementReconciliationsQuery): SettlementReconciliationsView {
    return this.views.settlementReconciliations(query);
  }

  @Get('settlements/:provider/:payoutId')
  @ApiOperation({ summary: "One payout's reconciliation, each transaction matched to an order capture or refund, or why not." })
  @ApiOkResponse({ description: 'The payout and its transactions', type: SettlementReconciliationView, example: example.SETTLEMENT })
  settlementReconciliation(@Param() path: PayoutRefDto): SettlementReconciliationView {
    return this.views.settlementReconciliation(path.provider, path.payoutId);
  }
}
