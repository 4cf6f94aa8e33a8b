import { Module } from '@nestjs/common';
import { BusinessErrorsHttpController } from './business-errors.http';
import { PosSaleService } from './pos/pos-sale.service';
import { PosHttpController } from './pos/pos.http';
import { ShopifyWebhookHttpController } from './shopify/shopify-webhook.http';
import { ShopifyWebhookService } from './shopify/shopify-webhook.service';

/** Channel mediation: channel payloads in, canonical commands out. */
@Module({
  controllers: [ShopifyWebhookHttpController, PosHttpController, BusinessErrorsHttpController],
  providers: [ShopifyWebhookService, PosSaleService],
})
export class ChannelsModule {}
