import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../../src/access/access-requirements';
import { CommandContext } from '../../../src/edge/command-context';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { BatchRefDto, DeadLettersQuery, DeliveriesQuery, OperatorDecisionMessage, ReconciliationQuery } from '../dto/erp-delivery-requests.dto';
import { ErpDeliveryCommands } from '../erp-delivery-commands.service';

/** `ledgerbridge.ops.v1.ErpDelivery`: the twin of the /erp routes (SAP's callback is HTTP only). */
@Controller()
export class ErpDeliveryGrpcController {
  constructor(@Inject(ErpDeliveryCommands) private readonly delivery: ErpDeliveryCommands) {}

  @GrpcMethod('ErpDelivery', 'ListDeliveries')
  @RequireScope('ops:admin', 'ops:read')
  async deliveries(@Payload() request: DeliveriesQuery) {
    const answer = await this.delivery.deliveries(request);
    return { ...answer, deliveries: answer.deliveries.map((lane) => ({ ...lane, open: lane.open.map((open) => ({ ...open, dueAt: open.dueAt ?? '' })) })) };
  }

  @GrpcMethod('ErpDelivery', 'ListDeadLetters')
  @RequireScope('ops:admin', 'ops:read')
  async deadLetters(@Payload() request: DeadLettersQuery) {
    const { deadLetters } = await this.delivery.deadLetters(request);
    return { deadLetters: deadLetters.map(({ rejection, ...letter }) => ({ ...letter, rejectionJson: rejection ? JSON.stringify(rejection) : '' })) };
  }

  @GrpcMethod('ErpDelivery', 'GetBatchDeliveries')
  @RequireScope('ops:admin', 'ops:read')
  async batchDeliveries(@Payload() request: BatchRefDto) {
    const view = await this.delivery.batchDeliveries(request.batchId);
    return { ...view, history: view.history.map(({ details, ...item }) => ({ ...item, detailsJson: JSON.stringify(details) })) };
  }

  @GrpcMethod('ErpDelivery', 'ReplayBatch')
  @RequireScope('ops:admin')
  @Idempotent()
  replay(@Payload() request: OperatorDecisionMessage, @CommandContext() context: CommandContext) {
    return this.delivery.replay(request.target, request.batchId, request.reason, context);
  }

  @GrpcMethod('ErpDelivery', 'SkipBatch')
  @RequireScope('ops:admin')
  @Idempotent()
  skip(@Payload() request: OperatorDecisionMessage, @CommandContext() context: CommandContext) {
    return this.delivery.skip(request.target, request.batchId, request.reason, context);
  }

  @GrpcMethod('ErpDelivery', 'Reconcile')
  @RequireScope('finance:read')
  async reconcile(@Payload() request: ReconciliationQuery) {
    const answer = await this.delivery.reconciliation(request);
    const { erpBooks } = answer;
    return {
      ...answer,
      erpBooks: erpBooks.readBack ? { readBack: true, documentsRead: erpBooks.documentsRead, why: '' } : { readBack: false, documentsRead: 0, why: erpBooks.why },
    };
  }
}
