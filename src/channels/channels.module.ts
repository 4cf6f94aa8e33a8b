import { Module } from '@nestjs/common';
import { BusinessErrorCommands, BusinessErrorReprocessing, CHANNEL_REPROCESSORS } from './business-errors';
import { BusinessErrorsHttpController } from './business-errors.http';
import { BusinessErrorIndex } from './business-error-index';
import { BusinessErrorMonitoring } from './business-error-monitoring';
import { PosReprocessing } from './pos/pos-reprocessing';
import { PosSaleService } from './pos/pos-sale.service';
import { ReferenceDataCommands } from '../reference-data/reference-data-commands.service';
import { PosHttpController } from './pos/pos.http';
import { ShopifyAnswers } from './shopify/shopify-answers';
import { ShopifyDiscounts } from './shopify/shopify-discounts';
import { ShopifyGrpcController } from './shopify/shopify.grpc';
import { ShopifyHttpController } from './shopify/shopify.http';
import { ShopifyMediation } from './shopify/shopify-mediation';
import { ShopifyReprocessing } from './shopify/shopify-reprocessing';
import { ShopifyResync } from './shopify/shopify-resync.service';
import { ShopifyWebhookHttpController } from './shopify/shopify-webhook.http';
import { ShopifyWebhookService } from './shopify/shopify-webhook.service';

/** Channel mediation: channel payloads in, canonical commands out; what could not go through waits on the business-error queue. */
@Module({
  controllers: [ShopifyWebhookHttpController, ShopifyHttpController, ShopifyGrpcController, PosHttpController, BusinessErrorsHttpController],
  providers: [
    ShopifyWebhookService,
    ShopifyMediation,
    ShopifyAnswers,
    ShopifyDiscounts,
    ShopifyResync,
    ShopifyReprocessing,
    PosSaleService,
    PosReprocessing,
    // Register sales are placed under their store's company code once reference data maps locations.
    ReferenceDataCommands,
    BusinessErrorCommands,
    BusinessErrorReprocessing,
    BusinessErrorIndex,
    BusinessErrorMonitoring,
    // The mediations that can run a queued payload again, by channel.
    { provide: CHANNEL_REPROCESSORS, useFactory: (shopify: ShopifyReprocessing, pos: PosReprocessing) => [shopify, pos], inject: [ShopifyReprocessing, PosReprocessing] },
  ],
})
export class ChannelsModule {}
