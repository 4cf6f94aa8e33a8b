import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RequireScope } from '../../../src/access/access-requirements';
import { CommandContext } from '../../../src/edge/command-context';
import { HttpProtocolError } from '../../../src/errors/http-protocol.error';
import { Idempotent } from '../../../src/idempotency/idempotent.decorator';
import { DeadLettersQuery, DeliveredBatchRef, DeliveriesQuery, OperatorDecisionDto, ReconciliationQuery } from '../dto/erp-delivery-requests.dto';
import { ErpDeliveryCommands } from '../erp-delivery-commands.service';

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
  deliveries(@Query() query: DeliveriesQuery) {
    if (query.batchId !== undefined) return this.delivery.batchDeliveries(query.batchId);
    return this.delivery.deliveries(query);
  }

  @Get('dead-letters')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: "Batches an ERP refused, with the ERP's message and the entries it named; each waits for a replay or a skip." })
  deadLetters(@Query() query: DeadLettersQuery) {
    return this.delivery.deadLetters(query);
  }

  @Post('deliveries/:target/batches/:batchId/replay')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({ summary: 'Sends a dead letter again, in order, once what the ERP refused is fixed (SAP: a new message id, only the entries it did not post).' })
  replay(@Param() path: DeliveredBatchRef, @Body() body: OperatorDecisionDto, @CommandContext() context: CommandContext) {
    return this.delivery.replay(path.target, path.batchId, body.reason, context);
  }

  @Post('deliveries/:target/batches/:batchId/skip')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({ summary: 'Gives a dead (or retrying) batch up for this target, with a reason; the batches after it go on.' })
  skip(@Param() path: DeliveredBatchRef, @Body() body: OperatorDecisionDto, @CommandContext() context: CommandContext) {
    return this.delivery.skip(path.target, path.batchId, body.reason, context);
  }

  @Get('reconciliation')
  @RequireScope('finance:read')
  @ApiOperation({ summary: "Per account and day: Ledgerbridge's batches against what the ERP acknowledged and what its books hold (read back through its API); every difference listed." })
  reconciliation(@Query() query: ReconciliationQuery) {
    return this.delivery.reconciliation(query);
  }

  /** SAP's communication system calls this with its outbound user (basic authentication), not an API key. */
  @Post('sap/confirmations')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "SAP's JournalEntryBulkCreateConfirmation (SOAP). 200 once its outcome is stored; 401 without SAP's outbound credentials." })
  async sapConfirmation(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    if (typeof body !== 'string') throw new HttpProtocolError(415, 'UNSUPPORTED_MEDIA_TYPE', 'a confirmation is SOAP XML: text/xml or application/soap+xml');
    const answer = await this.delivery.confirmation(authorization, body);
    if (answer.status === 'unauthorized') {
      reply.header('www-authenticate', 'Basic realm="Ledgerbridge SAP callback"');
      throw new HttpProtocolError(401, 'UNAUTHENTICATED', "SAP's outbound credentials are required");
    }
    if (answer.status === 'not-a-confirmation') throw new HttpProtocolError(400, 'NOT_A_CONFIRMATION', `not a JournalEntryBulkCreateConfirmation of a Ledgerbridge batch: ${answer.message}`);
    return answer;
  }
}
