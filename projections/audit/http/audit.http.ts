import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../../src/access/access-requirements';
import { OkAnswer } from '../../../src/api-docs/documented';
import { PayoutRefDto } from '../../../src/settlement/dto/match-transaction.dto';
import { Auditor } from '../auditor';
import * as example from './audit-examples';
import {
  BatchRefDto,
  ChainQueryDto,
  CompanyRefDto,
  DEFAULT_PAGE,
  EntryRefDto,
  LineRefDto,
  OrderRefDto,
  PromotionLinesRefDto,
  ReplayPageDto,
  StreamRefDto,
} from '../dto/audit-requests.dto';

const SLASHES = 'Ids contain "/": send them encoded (%2F).';

/** Auditor tools over HTTP: read-only, all under `audit:read`. */
@ApiTags('audit')
@Controller('audit')
@RequireScope('audit:read')
export class AuditHttpController {
  constructor(@Inject(Auditor) private readonly auditor: Auditor) {}

  @Get('lines/:lineId')
  @ApiOperation({
    summary: 'A journal line with the events, command, channel payload and promotion behind it, and the batch and ERP documents it went into.',
    description: SLASHES,
  })
  @OkAnswer('The line, its source event and the context events, the command and payload behind them, and where it went at the ERPs', { example: example.LINE_LINEAGE })
  lineage(@Param() path: LineRefDto) {
    return this.auditor.lineage(path.lineId);
  }

  @Get('orders/:orderId/lines')
  @ApiOperation({ summary: 'Every journal line the order produced.' })
  @OkAnswer('The lines, each with its lineage in brief', { example: example.ORDER_LINES })
  orderLines(@Param() path: OrderRefDto) {
    return this.auditor.orderLines(path.orderId);
  }

  @Get('promotions/:promotionId/lines')
  @ApiOperation({ summary: 'Every journal line naming the promotion: discounts, vendor claims and their reversals.' })
  @OkAnswer('The lines', { example: example.PROMOTION_LINES })
  promotionLines(@Param() path: PromotionLinesRefDto) {
    return this.auditor.promotionLines(path.promotionId);
  }

  @Get('settlements/:provider/:payoutId/lines')
  @ApiOperation({ summary: 'Every journal line the payout produced.' })
  @OkAnswer('The lines', { example: example.SETTLEMENT_LINES })
  settlementLines(@Param() path: PayoutRefDto) {
    return this.auditor.settlementLines(path);
  }

  @Get('streams/:streamId/events')
  @ApiOperation({ summary: "A page of a stream's events, forwards from a revision.", description: "nextRevision is the next page's fromRevision, null at the end." })
  @OkAnswer('The events as stored, with their metadata', { example: example.STREAM_PAGE })
  replay(@Param() path: StreamRefDto, @Query() page: ReplayPageDto) {
    return this.auditor.replay(path.streamId, page.fromRevision ?? 0, page.maxCount ?? DEFAULT_PAGE);
  }

  @Get('entries/:entryId/rebuild')
  @ApiOperation({ summary: 'Rebuild a journal entry from history and compare it with the recorded one.', description: SLASHES })
  @OkAnswer('Both entries, their hashes, every differing field (none: match) and the events it was rebuilt from', { example: example.ENTRY_REBUILD })
  rebuildEntry(@Param() path: EntryRefDto) {
    return this.auditor.rebuildEntry(path.entryId);
  }

  @Get('batches/:batchId/rebuild')
  @ApiOperation({ summary: 'Rebuild a closed posting batch from history: every entry, the totals and the hash, compared with its PostingBatchClosed.' })
  @OkAnswer('Each entry compared, the totals and hash recorded and rebuilt, every difference', { example: example.BATCH_REBUILD })
  rebuildBatch(@Param() path: BatchRefDto) {
    return this.auditor.rebuildBatch(path.batchId);
  }

  @Get('batches/:batchId/deliveries')
  @ApiOperation({ summary: "A batch's delivery to the ERPs: every delivery event with its place in history, and the ERP's document numbers." })
  @OkAnswer('The ERP documents holding the batch and its delivery history', { example: example.BATCH_DELIVERY_HISTORY })
  batchDeliveries(@Param() path: BatchRefDto) {
    return this.auditor.batchDeliveries(path.batchId);
  }

  @Get('batch-chains/:companyCode/verification')
  @ApiOperation({
    summary: "Verify a company's whole batch hash chain; the first broken link is named.",
    description: 'withEntries=true also rebuilds every listed entry from history.',
  })
  @OkAnswer('Whether the chain is intact, its head, and the first broken link with every problem found', { example: example.CHAIN_VERIFICATION })
  verifyChain(@Param() path: CompanyRefDto, @Query() query: ChainQueryDto) {
    return this.auditor.verifyChain(path.companyCode, query.withEntries ?? false);
  }
}
