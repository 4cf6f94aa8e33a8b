import { Controller, HttpCode, Inject, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OkAnswer, RefusedAnswer } from '../../api-docs/documented';
import { ORDERS_CREATE, WEBHOOK_ANSWER } from '../channel-examples';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../access/access-requirements';
import { ShopifyWebhookService, type WebhookAnswer } from './shopify-webhook.service';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Where Shopify delivers (its raw body is read here, JSON or not: see jsonBodyParser). */
export const SHOPIFY_WEBHOOK_ROUTE = '/channels/shopify/webhooks';

/**
 * Shopify calls this with its own credentials: the HMAC signature, checked by the service, in
 * place of an API key. A payload that is rejected is still answered 200, so Shopify stops
 * retrying it; it waits on the business-error queue.
 */
@ApiTags('channels')
@Controller('channels/shopify')
export class ShopifyWebhookHttpController {
  constructor(@Inject(ShopifyWebhookService) private readonly webhooks: ShopifyWebhookService) {}

  @Post('webhooks')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Shopify's webhook deliveries (orders/create, orders/updated, orders/paid, orders/cancelled, order_transactions/create, fulfillments/create and /update, refunds/create).",
    description:
      'Called by Shopify, signed with the shop’s webhook secret (SHOPIFY_SHOPS) instead of an API key. A repeated delivery is answered with the subject’s state now; a payload refused for its content is answered 200 too, and waits on the business-error queue.',
  })
  @ApiHeader({ name: 'X-Shopify-Hmac-Sha256', required: true, description: 'Base64 HMAC-SHA256 of the raw body with the shop’s webhook secret' })
  @ApiHeader({ name: 'X-Shopify-Shop-Domain', required: true, example: 'my-shop.myshopify.com' })
  @ApiHeader({ name: 'X-Shopify-Topic', required: true, example: 'orders/create' })
  @ApiHeader({ name: 'X-Shopify-Webhook-Id', required: true, example: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' })
  @ApiBody({
    description:
      'The topic’s payload as Shopify sends it, read from its raw bytes: amounts as decimal text, ids beyond 2^53 kept exact ' +
      '(this page’s browser rounds them when it shows the example: 820982911946154508 reads 820982911946154500).',
    schema: { type: 'object' },
    examples: { 'orders/create': { summary: 'orders/create: Shopify’s test notification (403.00: two lines, a 5.00 discount, 10.00 shipping)', value: ORDERS_CREATE } },
  })
  @OkAnswer('Taken (accepted, recorded, or rejected onto the business-error queue), with the subject’s state', { example: WEBHOOK_ANSWER })
  @RefusedAnswer(401, 'The signature does not match the body, or the shop is not configured (the same answer for both)', [
    { code: 'UNAUTHENTICATED', message: 'the webhook signature does not verify' },
  ])
  @RefusedAnswer(400, 'No X-Shopify-Webhook-Id, or not one Shopify sends (a payload refused for its content is answered 200 instead)', [
    { code: 'VALIDATION_FAILED', message: 'the request is invalid', fields: [{ path: 'headers.x-shopify-webhook-id', reason: 'must be the delivery id Shopify sends' }] },
  ])
  receive(@Req() request: RawBodyRequest<FastifyRequest>): Promise<WebhookAnswer> {
    return this.webhooks.receive(
      {
        shopDomain: header(request, 'x-shopify-shop-domain'),
        topic: header(request, 'x-shopify-topic'),
        webhookId: header(request, 'x-shopify-webhook-id'),
        signature: header(request, 'x-shopify-hmac-sha256'),
        rawBody: request.rawBody,
      },
      String(request.id),
    );
  }
}
