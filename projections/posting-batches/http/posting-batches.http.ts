import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../../../src/access/access-requirements';
import { CreatedAnswer, ExampleBody, OkAnswer, RefusedAnswer } from '../../../src/api-docs/documented';
import { CommandContext } from '../../../src/edge/command-context';
import { EntityIdParam } from '../../../src/edge/path-params';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { CloseBatchDto, ExportBatchDto, ListBatchesDto } from '../dto/posting-batch-requests.dto';
import { PostingBatchCommands } from '../posting-batch-commands.service';
import * as example from './posting-batch-examples';

@ApiTags('posting-batches')
@Controller('posting-batches')
export class PostingBatchesHttpController {
  constructor(@Inject(PostingBatchCommands) private readonly batches: PostingBatchCommands) {}

  /** Closes the company's open entries of that day into the next batch of its hash chain. */
  @Post('closes')
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({
    summary: "Close a company's open journal entries of one posting day into the next batch of its hash chain.",
    description:
      'At most BATCH_MAX_ENTRIES entries, the oldest first: send again for the rest. Nothing is appended when the entries do not balance or refused entries are open for the day.',
  })
  @ExampleBody(CloseBatchDto, example.CLOSE_BATCH, 'US01, 28 November 2026')
  @CreatedAnswer('The batch closed: its id, place in the chain, entry count, totals per currency and hashes', { example: example.CLOSED_BATCH })
  @RefusedAnswer(422, 'Nothing was closed: why, with details', example.CLOSE_REFUSALS)
  close(@Body() dto: CloseBatchDto, @CommandContext() context: CommandContext) {
    return this.batches.close(dto.companyCode, dto.postingDate, context);
  }

  @Get()
  @RequireScope('finance:read')
  @ApiOperation({ summary: 'Closed batches by company, in chain order, with the log position the list reflects.' })
  @OkAnswer('The batches (checkpoint: the last event the read model has applied)', { example: example.BATCH_LIST })
  list(@Query() query: ListBatchesDto) {
    return this.batches.list(query);
  }

  @Get(':batchId')
  @RequireScope('finance:read')
  @ApiOperation({ summary: 'One batch with its entries in batch order: source, event, the hash the batch recorded, and the lines.' })
  @OkAnswer('The batch and its entries', { example: example.BATCH_DETAIL })
  get(@Param('batchId', EntityIdParam) batchId: string) {
    return this.batches.get(batchId);
  }

  /** The batch as the ERP takes it: SAP XML, NetSuite or Dynamics 365 JSON; the same bytes every time. */
  @Get(':batchId/exports/:format')
  @RequireScope('finance:read')
  @ApiOperation({
    summary: 'The batch as the ERP takes it: sap (JournalEntryBulkCreateRequest SOAP XML), netsuite (journalentry records) or d365 (general journal); the same bytes every time.',
    description: 'Sent as a download (Content-Disposition: attachment, <batchId>.<format>.xml or .json), built only from entries that still match the hashes the batch recorded.',
  })
  @ApiProduces('application/xml', 'application/json')
  @ApiOkResponse({
    description: 'The document',
    content: {
      'application/xml': { schema: { type: 'string' }, example: example.SAP_EXPORT },
      'application/json': {
        schema: {
          oneOf: [
            { type: 'array', items: { type: 'object' }, description: 'netsuite: journalentry records' },
            { type: 'object', description: 'd365: the journal header and its lines' },
          ],
        },
        examples: {
          netsuite: { summary: 'netsuite: one journalentry record per entry', value: example.NETSUITE_EXPORT },
          d365: { summary: 'd365: LedgerJournalHeaders and LedgerJournalLines', value: example.D365_EXPORT },
        },
      },
    },
  })
  @RefusedAnswer(422, 'The batch cannot be exported: why', example.EXPORT_REFUSALS)
  export(@Param() params: ExportBatchDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const document = this.batches.export(params.batchId, params.format);
    reply.header('content-type', document.contentType);
    reply.header('content-disposition', `attachment; filename="${document.fileName}"`);
    return document.body;
  }
}
