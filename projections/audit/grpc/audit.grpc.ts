import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../../src/access/access-requirements';
import { PayoutRefDto } from '../../../src/settlement/dto/match-transaction.dto';
import { Auditor } from '../auditor';
import { BatchRefDto, DEFAULT_PAGE, EntryRefDto, LineRefDto, OrderRefDto, PromotionLinesRefDto, ReplayStreamRequest, VerifyChainRequest } from '../dto/audit-requests.dto';
import { batchComparisonMessage, entryComparisonMessage, lineageMessage, streamPageMessage } from './audit-messages';

const SERVICE = 'Audit';

/** `ledgerbridge.audit.v1.Audit`: the /audit routes' twin. */
@Controller()
export class AuditGrpcController {
  constructor(@Inject(Auditor) private readonly auditor: Auditor) {}

  @GrpcMethod(SERVICE, 'GetLineLineage')
  @RequireScope('audit:read')
  async lineage(@Payload() message: LineRefDto) {
    return lineageMessage(await this.auditor.lineage(message.lineId));
  }

  @GrpcMethod(SERVICE, 'ListOrderLines')
  @RequireScope('audit:read')
  orderLines(@Payload() message: OrderRefDto) {
    return this.auditor.orderLines(message.orderId);
  }

  @GrpcMethod(SERVICE, 'ListPromotionLines')
  @RequireScope('audit:read')
  promotionLines(@Payload() message: PromotionLinesRefDto) {
    return this.auditor.promotionLines(message.promotionId);
  }

  @GrpcMethod(SERVICE, 'ListSettlementLines')
  @RequireScope('audit:read')
  settlementLines(@Payload() message: PayoutRefDto) {
    return this.auditor.settlementLines(message);
  }

  @GrpcMethod(SERVICE, 'ReplayStream')
  @RequireScope('audit:read')
  async replay(@Payload() message: ReplayStreamRequest) {
    return streamPageMessage(await this.auditor.replay(message.streamId, message.fromRevision, message.maxCount || DEFAULT_PAGE));
  }

  @GrpcMethod(SERVICE, 'RebuildEntry')
  @RequireScope('audit:read')
  async rebuildEntry(@Payload() message: EntryRefDto) {
    return entryComparisonMessage(await this.auditor.rebuildEntry(message.entryId));
  }

  @GrpcMethod(SERVICE, 'RebuildBatch')
  @RequireScope('audit:read')
  async rebuildBatch(@Payload() message: BatchRefDto) {
    return batchComparisonMessage(await this.auditor.rebuildBatch(message.batchId));
  }

  @GrpcMethod(SERVICE, 'GetBatchDeliveries')
  @RequireScope('audit:read')
  async batchDeliveries(@Payload() message: BatchRefDto) {
    const deliveries = await this.auditor.batchDeliveries(message.batchId);
    return { ...deliveries, history: deliveries.history.map(({ details, ...item }) => ({ ...item, detailsJson: JSON.stringify(details) })) };
  }

  @GrpcMethod(SERVICE, 'VerifyChain')
  @RequireScope('audit:read')
  verifyChain(@Payload() message: VerifyChainRequest) {
    return this.auditor.verifyChain(message.companyCode, message.withEntries);
  }
}
