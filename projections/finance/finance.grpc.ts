import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../src/access/access-requirements';
import { PayoutRefDto } from '../../src/settlement/dto/match-transaction.dto';
import { OpenItemsQuery, PromotionCostQuery, SettlementReconciliationsQuery, TrialBalanceQuery } from './dto/finance-queries.dto';
import { FinanceViews } from './finance-views';

/** `ledgerbridge.finance.v1.Finance`: the twin of the /finance routes. */
@Controller()
export class FinanceGrpcController {
  constructor(@Inject(FinanceViews) private readonly views: FinanceViews) {}

  @GrpcMethod('Finance', 'GetTrialBalance')
  @RequireScope('finance:read')
  trialBalance(@Payload() query: TrialBalanceQuery) {
    return this.views.trialBalance(query);
  }

  @GrpcMethod('Finance', 'ListOpenItems')
  @RequireScope('finance:read')
  openItems(@Payload() query: OpenItemsQuery) {
    return this.views.openItems(query);
  }

  @GrpcMethod('Finance', 'GetPromotionCost')
  @RequireScope('finance:read')
  promotionCost(@Payload() query: PromotionCostQuery) {
    return this.views.promotionCost(query);
  }

  @GrpcMethod('Finance', 'ListSettlementReconciliations')
  @RequireScope('finance:read')
  settlementReconciliations(@Payload() query: SettlementReconciliationsQuery) {
    return this.views.settlementReconciliations(query);
  }

  @GrpcMethod('Finance', 'GetSettlementReconciliation')
  @RequireScope('finance:read')
  settlementReconciliation(@Payload() path: PayoutRefDto) {
    return this.views.settlementReconciliation(path.provider, path.payoutId);
  }
}
