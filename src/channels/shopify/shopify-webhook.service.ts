import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UnauthenticatedError } from '../../access/access-denied.errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { InputInvalidError } from '../../errors/input-invalid.error';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { orderAggregate } from '../../order/order.aggregate';
import { streamIdOf } from '../../runtime/decider';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { HandleAggregateCommand } from '../../runtime/handle-aggregate-command';
import { type BusinessError, recordBusinessError } from '../business-errors';
import { deliveryDerivedId, recordDelivery } from '../channel-deliveries';
import { parseChannelPayload } from '../channel-payload';
import { ChannelPayloadError } from '../payload-reader';
import { placeOrderFromShopify } from './place-order-from-shopify';
import { readShopifyOrder } from './shopify-order';
import { shopifyOrderTotalsDifferences } from './shopify-order-totals';
import { type ShopifyShop, shopifyShopsFrom } from './shopify-shops';
import { isShopifySignatureValid } from './webhook-signature';

export const SHOPIFY_CHANNEL = 'shopify';

export interface ShopifyDelivery {
  shopDomain: string | undefined;
  topic: string | undefined;
  webhookId: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
}

export type WebhookAnswer =
  | { status: 'accepted'; orderId: string; revision: number; duplicate: boolean }
  | { status: 'rejected'; businessError: string; reason: BusinessError['reason']; message: string }
  | { status: 'duplicate'; orderId: string }
  | { status: 'ignored'; topic: string };

const WEBHOOK_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

/**
 * One Shopify webhook delivery: verify the signature, keep the raw payload for lineage, check
 * that it adds up, and turn it into a command. A redelivery (same X-Shopify-Webhook-Id) reaches
 * the same command id, so it yields the first answer and never a second order.
 */
@Injectable()
export class ShopifyWebhookService {
  private readonly shops: Map<string, ShopifyShop>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    this.shops = shopifyShopsFrom(config.SHOPIFY_SHOPS);
  }

  async receive(delivery: ShopifyDelivery, correlationId: string): Promise<WebhookAnswer> {
    const shop = delivery.shopDomain === undefined ? undefined : this.shops.get(delivery.shopDomain);
    // Same answer for an unknown shop and a bad signature: nothing tells a prober which shops exist.
    if (!shop || !delivery.rawBody || !isShopifySignatureValid(delivery.rawBody, delivery.signature, shop.secret)) {
      throw new UnauthenticatedError('the webhook signature does not verify');
    }
    const webhookId = delivery.webhookId;
    if (!webhookId || !WEBHOOK_ID.test(webhookId)) {
      throw new InputInvalidError([{ path: 'headers.x-shopify-webhook-id', reason: 'must be the delivery id Shopify sends' }]);
    }
    const topic = delivery.topic ?? '';
    if (topic !== 'orders/create') return { status: 'ignored', topic };

    const sourceRef = await recordDelivery(this.store, {
      channel: SHOPIFY_CHANNEL,
      deliveryId: webhookId,
      topic,
      source: shop.domain,
      receivedAt: new Date().toISOString(),
      rawBody: delivery.rawBody.toString('utf8'),
    });
    const reject = async (reason: BusinessError['reason'], message: string, details: Record<string, unknown>): Promise<WebhookAnswer> => {
      const businessError = await recordBusinessError(this.store, {
        channel: SHOPIFY_CHANNEL, deliveryId: webhookId, topic, sourceRef, reason, message, details, recordedAt: new Date().toISOString(),
      });
      return { status: 'rejected', businessError, reason, message };
    };

    let order;
    try {
      order = readShopifyOrder(parseChannelPayload(delivery.rawBody));
    } catch (error) {
      if (error instanceof ChannelPayloadError) return reject('MALFORMED_PAYLOAD', error.message, { path: error.path });
      if (error instanceof SyntaxError) return reject('MALFORMED_PAYLOAD', `not JSON: ${error.message}`, {});
      throw error;
    }
    const differences = shopifyOrderTotalsDifferences(order);
    if (differences.length > 0) return reject('TOTALS_DO_NOT_ADD_UP', 'the stated totals do not match the lines', { differences });

    const command = placeOrderFromShopify(order, { channel: SHOPIFY_CHANNEL, companyCode: shop.companyCode }, sourceRef);
    try {
      const outcome = await this.commands.execute(
        new HandleAggregateCommand(orderAggregate, {
          commandId: deliveryDerivedId(SHOPIFY_CHANNEL, webhookId, 'place-order'),
          streamId: streamIdOf(orderAggregate, command.orderId),
          command,
          metadata: { correlationId, channel: SHOPIFY_CHANNEL, principal: `shopify:${shop.domain}` },
        }),
      );
      return { status: 'accepted', orderId: command.orderId, revision: outcome.revision, duplicate: outcome.duplicate };
    } catch (error) {
      // Another delivery of an order already placed (e.g. a resend from Shopify's admin).
      if (error instanceof BusinessRuleRefusal && error.code === 'ORDER_ALREADY_PLACED') return { status: 'duplicate', orderId: command.orderId };
      if (error instanceof BusinessRuleRefusal) return reject('REFUSED_BY_RULES', error.message, { code: error.code, ...error.details });
      throw error;
    }
  }
}
