import { Controller, HttpCode, Inject, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
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
@Controller('channels/shopify')
export class ShopifyWebhookHttpController {
  constructor(@Inject(ShopifyWebhookService) private readonly webhooks: ShopifyWebhookService) {}

  @Post('webhooks')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
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
