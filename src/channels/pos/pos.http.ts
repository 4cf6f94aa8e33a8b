import { Body, Controller, HttpCode, Inject, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CreatedAnswer, ExampleBody } from '../../api-docs/documented';
import { RequireChannelWrite } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { type PosSaleAnswer, PosSaleService } from './pos-sale.service';
import { PosTransactionDto } from './pos-transaction.dto';
import { POS_SALE_ANSWER, POS_TRANSACTION } from '../channel-examples';

@ApiTags('channels')
@Controller('channels/pos')
export class PosHttpController {
  constructor(@Inject(PosSaleService) private readonly sales: PosSaleService) {}

  /** A completed register sale in the documented POS transaction format. */
  @Post('transactions')
  @HttpCode(201)
  @RequireChannelWrite('body.channel')
  @Idempotent()
  @ApiOperation({
    summary: 'A completed register sale in the POS transaction format: placed as order pos-<storeId>-<registerId>-<transactionId>, paid and handed over.',
    description: 'Needs channel:<body.channel>:write.',
  })
  @ExampleBody(PosTransactionDto, POS_TRANSACTION, "README's register sale")
  @CreatedAnswer('Recorded: the order and the events (placed, picked up, the card capture)', { example: POS_SALE_ANSWER })
  record(@Body() sale: PosTransactionDto, @Req() request: RawBodyRequest<FastifyRequest>, @CommandContext() context: CommandContext): Promise<PosSaleAnswer> {
    return this.sales.record(sale, request.rawBody, context);
  }
}
