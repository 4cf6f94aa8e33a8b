import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../../src/access/access-requirements';
import { CommandContext } from '../../../src/edge/command-context';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { BatchIdDto, CloseBatchDto, ExportBatchDto, ListBatchesDto } from '../dto/posting-batch-requests.dto';
import { PostingBatchCommands } from '../posting-batch-commands.service';

/** `ledgerbridge.posting.v1.PostingBatches`: the twin of the /posting-batches routes. */
@Controller()
export class PostingBatchesGrpcController {
  constructor(@Inject(PostingBatchCommands) private readonly batches: PostingBatchCommands) {}

  @GrpcMethod('PostingBatches', 'CloseBatch')
  @RequireScope('ops:admin')
  @Idempotent()
  close(@Payload() dto: CloseBatchDto, @CommandContext() context: CommandContext) {
    return this.batches.close(dto.companyCode, dto.postingDate, context);
  }

  @GrpcMethod('PostingBatches', 'ListBatches')
  @RequireScope('finance:read')
  list(@Payload() dto: ListBatchesDto) {
    return this.batches.list(dto);
  }

  @GrpcMethod('PostingBatches', 'GetBatch')
  @RequireScope('finance:read')
  get(@Payload() dto: BatchIdDto) {
    return this.batches.get(dto.batchId);
  }

  @GrpcMethod('PostingBatches', 'ExportBatch')
  @RequireScope('finance:read')
  export(@Payload() dto: ExportBatchDto) {
    return this.batches.export(dto.batchId, dto.format);
  }
}
