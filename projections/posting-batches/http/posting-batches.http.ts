import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../../../src/access/access-requirements';
import { CommandContext } from '../../../src/edge/command-context';
import { EntityIdParam } from '../../../src/edge/path-params';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { CloseBatchDto, ExportBatchDto, ListBatchesDto } from '../dto/posting-batch-requests.dto';
import { PostingBatchCommands } from '../posting-batch-commands.service';

@ApiTags('posting-batches')
@Controller('posting-batches')
export class PostingBatchesHttpController {
  constructor(@Inject(PostingBatchCommands) private readonly batches: PostingBatchCommands) {}

  /** Closes the company's open entries of that day into the next batch of its hash chain. */
  @Post('closes')
  @RequireScope('ops:admin')
  @Idempotent()
  close(@Body() dto: CloseBatchDto, @CommandContext() context: CommandContext) {
    return this.batches.close(dto.companyCode, dto.postingDate, context);
  }

  @Get()
  @RequireScope('finance:read')
  list(@Query() query: ListBatchesDto) {
    return this.batches.list(query);
  }

  @Get(':batchId')
  @RequireScope('finance:read')
  get(@Param('batchId', EntityIdParam) batchId: string) {
    return this.batches.get(batchId);
  }

  /** The batch as the ERP takes it: SAP XML, NetSuite or Dynamics 365 JSON; the same bytes every time. */
  @Get(':batchId/exports/:format')
  @RequireScope('finance:read')
  export(@Param() params: ExportBatchDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const document = this.batches.export(params.batchId, params.format);
    reply.header('content-type', document.contentType);
    reply.header('content-disposition', `attachment; filename="${document.fileName}"`);
    return document.body;
  }
}
