import { Module } from '@nestjs/common';
import { BusinessErrorsHttpController } from './business-errors.http';
import { ShopifyWebhookHttpController } from './shopify/shopify-webhook.http';
import { ShopifyWebhookService } from './shopify/shopify-webhook.service';

/** Channel mediation: channel payloads in, canonical commands out. */
@Module({
  controllers: [ShopifyWebhookHttpController, BusinessErrorsHttpController],
  providers: [ShopifyWebhookService],
})
export class ChannelsModule {}
