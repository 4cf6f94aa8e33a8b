import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RequireScope } from '../../../src/access/access-requirements';
import { ExampleBody, KEY_REUSED, OkAnswer, RefusedAnswer } from '../../../src/api-docs/documented';
import { CommandContext } from '../../../src/edge/command-context';
import { HttpProtocolError } from '../../../src/errors/http-protocol.error';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { DeadLettersQuery, DeliveredBatchRef, DeliveriesQuery, OperatorDecisionDto, ReconciliationQuery } from '../dto/erp-delivery-requests.dto';
import { ErpDeliveryCommands } from '../erp-delivery-commands.service';
import * as example from './erp-delivery-examples';

/** Every route but SAP's callback answers 404 while ERP_TARGETS is not set. */
const NotConfigured = (...more: Parameters<typeof RefusedAnswer>[2]) =>
  RefusedAnswer(404, 'ERP_TARGETS is not set' + (more.length ? ', or the batch or lane the path names is unknown' : ''), [example.NOT_CONFIGURED, ...more]);

/** ERP delivery: operators watch and decide (ops:admin; reads also ops:read), finance reconciles, SAP confirms. */
@ApiTags('erp-delivery')
@Controller('erp')
export class ErpDeliveryHttpController {
  constructor(@Inject(ErpDeliveryCommands) private readonly delivery: ErpDeliveryCommands) {}

  @Get('deliveries')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({
    summary: 'Deliveries per company and ERP target: backlog, oldest undelivered, last acknowledged, open batches, breaker.',
    description: 'With batchId: that batch at each target, with its ERP documents and delivery history. 404 when ERP_TARGETS is not set.',
  })
  @OkAnswer('Each lane; or, with batchId, that batch at each target', {
    examples: { lanes: { summary: 'the lanes', value: example.LANES }, batch: { summary: 'one batch (?batchId=)', value: example.BATCH_DELIVERIES } },
  })
  @NotConfigured(example.UNKNOWN_BATCH)
  deliveries(@Query() query: DeliveriesQuery) {
    if (query.batchId !== undefined) return this.delivery.batchDeliveries(query.batchId);
    return this.delivery.deliveries(query);
  }

  @Get('dead-letters')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: "Batches an ERP refused, with the ERP's message and the entries it named; each waits for a replay or a skip." })
  @OkAnswer('The dead letters, with the ERP’s last refusal', { example: example.DEAD_LETTERS })
  @NotConfigured()
  deadLetters(@Query() query: DeadLettersQuery) {
    return this.delivery.deadLetters(query);
  }

  @Post('deliveries/:target/batches/:batchId/replay')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({ summary: 'Sends a dead letter again, in order, once what the ERP refused is fixed (SAP: a new message id, only the entries it did not post).' })
  @ExampleBody(OperatorDecisionDto, example.REPLAY, 'what was fixed')
  @OkAnswer('The decision as recorded in the lane’s delivery log (generation: the replay’s)', { example: example.REPLAYED })
  @NotConfigured(example.UNKNOWN_BATCH)
  @RefusedAnswer(422, 'The batch is not a dead letter at that target (or the Idempotency-Key was used for another request)', [example.NOT_DEAD_LETTERED, KEY_REUSED])
  replay(@Param() path: DeliveredBatchRef, @Body() body: OperatorDecisionDto, @CommandContext() context: CommandContext) {
    return this.delivery.replay(path.target, path.batchId, body.reason, context);
  }

  @Post('deliveries/:target/batches/:batchId/skip')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({ summary: 'Gives a dead (or retrying) batch up for this target, with a reason; the batches after it go on.' })
  @ExampleBody(OperatorDecisionDto, example.SKIP, 'why it must not go')
  @OkAnswer('The decision as recorded in the lane’s delivery log', { example: example.SKIPPED })
  @NotConfigured(example.UNKNOWN_BATCH)
  @RefusedAnswer(422, 'The batch is in flight (its answer is awaited), or settled at that target (or the Idempotency-Key was used for another request)', [
    example.IN_FLIGHT,
    example.NOT_DEAD_LETTERED,
    KEY_REUSED,
  ])
  skip(@Param() path: DeliveredBatchRef, @Body() body: OperatorDecisionDto, @CommandContext() context: CommandContext) {
    return this.delivery.skip(path.target, path.batchId, body.reason, context);
  }

  @Get('reconciliation')
  @RequireScope('finance:read')
  @ApiOperation({
    summary: "Per account and day: Ledgerbridge's batches against what the ERP acknowledged and what its books hold (read back through its API); every difference listed.",
  })
  @OkAnswer('The rows per day, GL account and currency, and the differences', { example: example.RECONCILIATION })
  @NotConfigured(example.UNKNOWN_LANE)
  @RefusedAnswer(422, 'from is after to', [example.RANGE_INVERTED])
  reconciliation(@Query() query: ReconciliationQuery) {
    return this.delivery.reconciliation(query);
  }

  /** SAP's communication system calls this with its outbound user (basic authentication), not an API key. */
  @Post('sap/confirmations')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "SAP's JournalEntryBulkCreateConfirmation (SOAP 1.1 or 1.2, up to 4 MiB). 200 once its outcome is stored; 401 without SAP's outbound credentials.",
    description:
      "Called by SAP's communication system with the target's callbackUser and callbackPassword (basic authentication), not an API key. A confirmation that comes twice or late is recorded once.",
  })
  @ApiConsumes('text/xml', 'application/soap+xml')
  @ApiBody({
    description: 'The confirmation as SAP sends it',
    schema: { type: 'string' },
    examples: { confirmation: { summary: 'three entries posted', value: example.SAP_CONFIRMATION } },
  })
  @OkAnswer('Stored (the batch acknowledged, or rejected with SAP’s log), or already settled', {
    examples: { stored: { summary: 'stored', value: example.CONFIRMATION_STORED }, settled: { summary: 'the batch was settled before', value: example.CONFIRMATION_SETTLED } },
  })
  @RefusedAnswer(401, "Without SAP's outbound credentials (WWW-Authenticate: Basic)", [example.SAP_UNAUTHENTICATED])
  @RefusedAnswer(400, 'Not a JournalEntryBulkCreateConfirmation of a Ledgerbridge batch', [example.NOT_A_CONFIRMATION])
  @RefusedAnswer(415, 'Not sent as text/xml or application/soap+xml', [example.NOT_XML])
  async sapConfirmation(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    if (typeof body !== 'string') throw new HttpProtocolError(415, 'UNSUPPORTED_MEDIA_TYPE', 'a confirmation is SOAP XML: text/xml or application/soap+xml');
    const answer = await this.delivery.confirmation(authorization, body);
    if (answer.status === 'unauthorized') {
      reply.header('www-authenticate', 'Basic realm="Ledgerbridge SAP callback"');
      throw new HttpProtocolError(401, 'UNAUTHENTICATED', "SAP's outbound credentials are required");
    }
    if (answer.status === 'not-a-confirmation')
      throw new HttpProtocolError(400, 'NOT_A_CONFIRMATION', `not a JournalEntryBulkCreateConfirmation of a Ledgerbridge batch: ${answer.message}`);
    return answer;
  }
}
