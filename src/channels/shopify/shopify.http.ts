import { Controller, Get, HttpCode, Inject, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OkAnswer } from '../../api-docs/documented';
import { RESYNC_REPORT, RESYNC_REQUEST, UNMATCHED_DISCOUNTS } from '../channel-examples';
import type { FastifyRequest } from 'fastify';
import { RequireScope } from '../../access/access-requirements';
import { InputInvalidError } from '../../errors/input-invalid.error';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ShopifyDiscounts, type UnmatchedDiscountView } from './shopify-discounts';
import { type ResyncReport, ShopifyResync } from './shopify-resync.service';

/** Shopify for operators and finance: bring in an order whose webhooks were lost, see discounts that matched no promotion. */
@ApiTags('channels')
@Controller('channels/shopify')
export class ShopifyHttpController {
  constructor(
    @Inject(ShopifyResync) private readonly resyncs: ShopifyResync,
    @Inject(ShopifyDiscounts) private readonly discounts: ShopifyDiscounts,
  ) {}

  /**
   * The body is read from its raw bytes, as the webhooks are: Shopify's ids go beyond 2^53 and
   * its amounts must not pass through floating point.
   */
  @Post('resync')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({
    summary:
      'Re-sync one Shopify order: {"shop", "order": GET /orders/{id}.json, "transactions": GET /orders/{id}/transactions.json}; places what is missing, records missing transactions, fulfillments and refunds, never twice, and reports what it changed.',
  })
  @ApiBody({
    description:
      "Shopify's Admin API answers as it gave them, read as text so every digit stays: the shop, GET /orders/{id}.json and, optionally, GET /orders/{id}/transactions.json",
    schema: { type: 'object', required: ['shop', 'order'], properties: { shop: { type: 'string' }, order: { type: 'object' }, transactions: { type: 'object' } } },
    examples: {
      'order 450789469': {
        summary: "Shopify's Admin API example order (three lines, a TENOFF code, a fulfillment, a refund) and its transactions; it does not add up",
        value: RESYNC_REQUEST,
      },
    },
  })
  @OkAnswer('What the re-sync recorded, what Ledgerbridge had already, what it refused (queued as one business error), and the order as it stands', { example: RESYNC_REPORT })
  resync(@Req() request: RawBodyRequest<FastifyRequest>): Promise<ResyncReport> {
    if (!request.rawBody || request.rawBody.length === 0) throw new InputInvalidError([{ path: 'body', reason: 'must be the order to re-sync as JSON' }]);
    return this.resyncs.resync(request.rawBody, String(request.id));
  }

  @Get('unmatched-discounts')
  @RequireScope('finance:read', 'ops:admin')
  @ApiOperation({
    summary:
      'Shopify discount codes and automatic discounts that matched no promotion defined for the channel and date: booked retailer-funded, by shop and code, with their orders and amounts.',
  })
  @OkAnswer('Per shop and code: the orders, the amounts the retailer bore, the latest reason', { example: UNMATCHED_DISCOUNTS })
  async unmatchedDiscounts(): Promise<{ items: UnmatchedDiscountView[] }> {
    return { items: await this.discounts.unmatchedDiscounts() };
  }
}
