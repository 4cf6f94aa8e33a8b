import { Body, Controller, HttpCode, Inject, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequireChannelWrite } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { type PosSaleAnswer, PosSaleService } from './pos-sale.service';
import { PosTransactionDto } from './pos-transaction.dto';

@Controller('channels/pos')
export class PosHttpController {
  constructor(@Inject(PosSaleService) private readonly sales: PosSaleService) {}

  /** A completed register sale in the documented POS transaction format. */
  @Post('transactions')
  @HttpCode(201)
  @RequireChannelWrite('body.channel')
  @Idempotent()
  record(@Body() sale: PosTransactionDto, @Req() request: RawBodyRequest<FastifyRequest>, @CommandContext() context: CommandContext): Promise<PosSaleAnswer> {
    return this.sales.record(sale, request.rawBody, context);
  }
}
