import { Inject, Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../access/access-denied.errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { InputInvalidError } from '../../errors/input-invalid.error';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { orderAggregate } from '../../order/order.aggregate';
import type { OrderCommand } from '../../order/order.commands';
import type { CommandOutcome } from '../../runtime/aggregate-actor';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import { type BusinessError, recordBusinessError } from '../business-errors';
import { deliveryDerivedId, recordDelivery } from '../channel-deliveries';
import { parseChannelPayload } from '../channel-payload';
import { ChannelPayloadError } from '../payload-reader';
import { placeOrderFromShopify } from './place-order-from-shopify';
import { readShopifyRefund, shopifyRefundDifference } from './shopify-refund';
import { readShopifyOrder } from './shopify-order';
import { shopifyOrderTotalsDifferences } from './shopify-order-totals';
import { type ShopifyShop, shopifyShopsFrom } from './shopify-shops';
import { isShopifySignatureValid } from './webhook-signature';
import { channelRefundAggregate, channelRefundId } from '../channel-refund.aggregate';
import type { RecordChannelRefund } from '../channel-refund.commands';
import { requireSameRefund } from '../channel-refund.decide';
import type { ChannelRefundReceivedData } from '../channel-refund.events';

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
  /** A refund kept as a fact, the same for every delivery of it: the refund saga applies it to the order once the order can take it. */
  | { status: 'recorded'; orderId: string; refundId: string }
  | { status: 'ignored'; topic: string };

const WEBHOOK_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

interface DeliveryContext {
  shop: ShopifyShop;
  webhookId: string;
  topic: string;
  sourceRef: string;
  correlationId: string;
}

/**
 * One Shopify webhook delivery: verify the signature, keep the raw payload for lineage, check
 * that it adds up, and turn it into commands. A redelivery (same X-Shopify-Webhook-Id) reaches
 * the same command ids, so it yields the first answers and never a second order or refund.
 */
@Injectable()
export class ShopifyWebhookService {
  private readonly shops: Map<string, ShopifyShop>;
  private readonly orders: CommandsOf<typeof orderAggregate>;
  private readonly refunds: CommandsOf<typeof channelRefundAggregate>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
  ) {
    this.shops = shopifyShopsFrom(config.SHOPIFY_SHOPS);
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
    this.refunds = new AggregateCommands(dispatcher, channelRefundAggregate);
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
    if (topic !== 'orders/create' && topic !== 'refunds/create') return { status: 'ignored', topic };

    const sourceRef = await recordDelivery(this.store, {
      channel: SHOPIFY_CHANNEL,
      deliveryId: webhookId,
      topic,
      source: shop.domain,
      receivedAt: new Date().toISOString(),
      rawBody: delivery.rawBody.toString('utf8'),
    });
    const context: DeliveryContext = { shop, webhookId, topic, sourceRef, correlationId };
    try {
      const payload = parseChannelPayload(delivery.rawBody);
      return topic === 'orders/create' ? await this.placeOrder(payload, context) : await this.refund(payload, context);
    } catch (error) {
      if (error instanceof ChannelPayloadError) return this.reject(context, 'MALFORMED_PAYLOAD', error.message, { path: error.path });
      if (error instanceof SyntaxError) return this.reject(context, 'MALFORMED_PAYLOAD', `not JSON: ${error.message}`, {});
      if (error instanceof BusinessRuleRefusal) return this.reject(context, 'REFUSED_BY_RULES', error.message, { code: error.code, ...error.details });
      throw error;
    }
  }

  private async placeOrder(payload: unknown, context: DeliveryContext): Promise<WebhookAnswer> {
    const order = readShopifyOrder(payload);
    const differences = shopifyOrderTotalsDifferences(order);
    if (differences.length > 0) return this.reject(context, 'TOTALS_DO_NOT_ADD_UP', 'the stated totals do not match the lines', { differences });

    const command = placeOrderFromShopify(order, { channel: SHOPIFY_CHANNEL, companyCode: context.shop.companyCode }, context.sourceRef);
    try {
      const outcome = await this.execute(context, 'place-order', command.orderId, command);
      return { status: 'accepted', orderId: command.orderId, revision: outcome.revision, duplicate: outcome.duplicate };
    } catch (error) {
      // Another delivery of an order already placed (e.g. a resend from Shopify's admin).
      if (error instanceof BusinessRuleRefusal && error.code === 'ORDER_ALREADY_PLACED') return { status: 'duplicate', orderId: command.orderId };
      throw error;
    }
  }

  /**
   * A refund the channel already paid is kept as a fact (`channel-refund-<shop>-<refundId>`), and
   * that is all the webhook does with it: the refund saga applies it to the order, now or once the
   * order can take it. The command id comes from the refund (shop and refund id), not the delivery,
   * so a redelivery or a resend under another webhook id records nothing new and gets the same answer.
   */
  private async refund(payload: unknown, context: DeliveryContext): Promise<WebhookAnswer> {
    const refund = readShopifyRefund(payload);
    const difference = shopifyRefundDifference(refund);
    if (difference) {
      return this.reject(context, 'TOTALS_DO_NOT_ADD_UP', 'the refunded money does not match the refunded lines, tax and adjustments', {
        differences: [{ field: 'transactions', ...difference }],
      });
    }
    const orderId = `${SHOPIFY_CHANNEL}-${refund.orderId}`;
    const command: RecordChannelRefund = {
      kind: 'RecordChannelRefund',
      channel: SHOPIFY_CHANNEL,
      shop: context.shop.domain,
      refundId: refund.refundId,
      orderId,
      returnId: `${SHOPIFY_CHANNEL}-refund-${refund.refundId}`,
      lines: refund.lines.map(({ lineId, quantity }) => ({ lineId, quantity })),
      refundedMinor: refund.refundedMinor,
      currency: refund.currency,
      at: new Date(refund.createdAt).toISOString(),
      sourceRef: context.sourceRef,
    };
    const id = channelRefundId(context.shop.domain, refund.refundId);
    const outcome = await this.refunds.send(
      id,
      command,
      { commandId: deliveryDerivedId(SHOPIFY_CHANNEL, id, 'record-refund'), metadata: this.metadata(context) },
      { channel: SHOPIFY_CHANNEL, sourceRef: context.sourceRef },
    );
    // The runtime answers a refund recorded before with that first outcome, without deciding again: check that it was this refund.
    if (outcome.duplicate) requireSameRefund(outcome.events[0].data as ChannelRefundReceivedData, command);
    return { status: 'recorded', orderId, refundId: refund.refundId };
  }

  private execute(context: DeliveryContext, step: string, orderId: string, command: OrderCommand): Promise<CommandOutcome> {
    return this.orders.send(
      orderId,
      command,
      { commandId: deliveryDerivedId(SHOPIFY_CHANNEL, context.webhookId, step), metadata: this.metadata(context) },
      { channel: SHOPIFY_CHANNEL, sourceRef: context.sourceRef },
    );
  }

  private metadata(context: DeliveryContext) {
    return { correlationId: context.correlationId, principal: `shopify:${context.shop.domain}` };
  }

  private async reject(context: DeliveryContext, reason: BusinessError['reason'], message: string, details: Record<string, unknown>): Promise<WebhookAnswer> {
    const businessError = await recordBusinessError(this.store, {
      channel: SHOPIFY_CHANNEL,
      deliveryId: context.webhookId,
      topic: context.topic,
      sourceRef: context.sourceRef,
      reason,
      message,
      details,
      recordedAt: new Date().toISOString(),
    });
    return { status: 'rejected', businessError, reason, message };
  }
}
