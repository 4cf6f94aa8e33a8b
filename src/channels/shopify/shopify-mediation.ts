import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import { canonicalHash } from '../../hashing/canonical-json';
import { orderAggregate } from '../../order/order.aggregate';
import type { OrderPlacedData } from '../../order/order.events';
import { promotionAggregate } from '../../promotion/promotion.aggregate';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import type { BusinessError } from '../business-errors';
import { deliveryDerivedId } from '../channel-deliveries';
import { parseChannelPayload } from '../channel-payload';
import { channelOrderAggregate, channelOrderId } from '../channel-order.aggregate';
import type { ChannelOrderCommand, UnmatchedDiscount } from '../channel-order.commands';
import { channelRefundAggregate, channelRefundId } from '../channel-refund.aggregate';
import type { RecordChannelRefund } from '../channel-refund.commands';
import { requireSameRefund } from '../channel-refund.decide';
import type { ChannelRefundReceivedData } from '../channel-refund.events';
import { ChannelPayloadError } from '../payload-reader';
import { placeOrderFromShopify, shopifyOrderId } from './place-order-from-shopify';
import { type PromotionMatch, ShopifyDiscounts } from './shopify-discounts';
import { readShopifyFulfillment, type ShopifyFulfillment } from './shopify-fulfillment';
import { type ShopifyOrder, readShopifyOrder } from './shopify-order';
import { orderChanges } from './shopify-order-changes';
import { shopifyOrderTotalsDifferences } from './shopify-order-totals';
import { paymentClaim } from './shopify-payment-status';
import { readShopifyRefund, returnedLines, shopifyRefundDifference } from './shopify-refund';
import type { ShopifyShopSetting as ShopifyShop } from '../../config/shopify-shops.setting';
import { ReferenceDataCommands } from '../../reference-data/reference-data-commands.service';
import { readShopifyTransaction, type ShopifyTransaction } from './shopify-transaction';

export const SHOPIFY_CHANNEL = 'shopify';

/** What one Shopify payload was about: the thing a repeated delivery answers the current state of. */
export type ShopifySubject =
  | { kind: 'order'; orderId: string }
  | { kind: 'transaction'; orderId: string; transactionId: string }
  | { kind: 'fulfillment'; orderId: string; fulfillmentId: string }
  | { kind: 'refund'; orderId: string; refundId: string; returnId: string };

/** Why a payload (or part of it) is on the business-error queue. */
export interface Refusal {
  reason: BusinessError['reason'];
  message: string;
  details: Record<string, unknown>;
}

/**
 * A payload taken (`recorded`: it placed the order or recorded a fact not known before), with
 * what of it still needs a person (an edit of a posted order, a promotion that refused its
 * application), or refused as a whole.
 */
export type Mediated =
  | {
      subject: ShopifySubject;
      recorded: boolean;
      problems: Refusal[];
      /** An order body: whether it placed the order, and which facts about it were new (`payment-status`, `cancellation`, `unmatched-discounts`). */
      placed?: boolean;
      facts?: string[];
    }
  | { refusal: Refusal };

export interface MediationContext {
  shop: ShopifyShop;
  /** Where the payload is kept (`channel-delivery-shopify-<id>`): the lineage of what it records. */
  sourceRef: string;
  correlationId: string;
}

/** The order topics: each body is the whole order as it stands, so any of them places an order not yet known. */
export const ORDER_TOPICS = ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled'] as const;
export const SHOPIFY_TOPICS: readonly string[] = [...ORDER_TOPICS, 'order_transactions/create', 'fulfillments/create', 'fulfillments/update', 'refunds/create'];

/** What a payload error becomes on the queue; anything else (the store failing) is not the payload's fault and propagates. */
function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof ChannelPayloadError) return { reason: 'MALFORMED_PAYLOAD', message: error.message, details: { path: error.path } };
  if (error instanceof SyntaxError) return { reason: 'MALFORMED_PAYLOAD', message: `not JSON: ${error.message}`, details: {} };
  if (error instanceof BusinessRuleRefusal) return { reason: 'REFUSED_BY_RULES', message: error.message, details: { code: error.code, ...error.details } };
  return undefined;
}

/**
 * Shopify payloads -> canonical commands, for webhooks and re-sync alike. An order body places
 * the order (once, whichever topic brings it first) and reports its payment status; a later one
 * is compared with what was placed. Transactions, fulfillments, the cancellation and refunds are
 * recorded as facts (one per thing, whatever the deliveries), which the channel-order and refund
 * sagas apply to the order: a fact that arrives before its order waits there.
 */
@Injectable()
export class ShopifyMediation {
  private readonly orders: CommandsOf<typeof orderAggregate>;
  private readonly facts: CommandsOf<typeof channelOrderAggregate>;
  private readonly refunds: CommandsOf<typeof channelRefundAggregate>;
  private readonly promotions: CommandsOf<typeof promotionAggregate>;

  constructor(
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
    @Inject(ShopifyDiscounts) private readonly discounts: ShopifyDiscounts,
    @Inject(ReferenceDataCommands) private readonly referenceData: ReferenceDataCommands,
  ) {
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
    this.facts = new AggregateCommands(dispatcher, channelOrderAggregate);
    this.refunds = new AggregateCommands(dispatcher, channelRefundAggregate);
    this.promotions = new AggregateCommands(dispatcher, promotionAggregate);
  }

  /** A delivery's raw bytes: parsed (losslessly, nesting bounded), then mediated; whatever the bytes, a refusal, never a thrown error. */
  mediateRaw(topic: string, raw: Buffer, context: MediationContext): Promise<Mediated> {
    let payload: unknown;
    try {
      payload = parseChannelPayload(raw);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return Promise.resolve({ refusal });
      throw error;
    }
    return this.mediate(topic, payload, context);
  }

  /** One payload of a topic; a payload error or a rule refusal is a refusal, never a thrown error. */
  async mediate(topic: string, payload: unknown, context: MediationContext): Promise<Mediated> {
    try {
      if ((ORDER_TOPICS as readonly string[]).includes(topic)) return await this.order(readShopifyOrder(payload), context, { cancelled: topic === 'orders/cancelled' });
      if (topic === 'order_transactions/create') return await this.transaction(readShopifyTransaction(payload), context);
      if (topic === 'fulfillments/create' || topic === 'fulfillments/update') return await this.fulfillment(readShopifyFulfillment(payload), context);
      if (topic === 'refunds/create') return await this.refund(payload, context);
      return { refusal: { reason: 'MALFORMED_PAYLOAD', message: `topic ${topic} is not one Ledgerbridge reads`, details: { topic } } };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { refusal };
      throw error;
    }
  }

  /**
   * Places the order if it is not placed yet (promotions matched by code), then acts on what this
   * body says: its payment status, and its cancellation for `orders/cancelled` (or a re-synced
   * order with `cancelled_at`). A body that changes what was placed is not applied: it is listed
   * as a problem naming each difference.
   */
  async order(order: ShopifyOrder, context: MediationContext, options: { cancelled: boolean }): Promise<Mediated> {
    const differences = shopifyOrderTotalsDifferences(order);
    if (differences.length > 0) return { refusal: { reason: 'TOTALS_DO_NOT_ADD_UP', message: 'the stated totals do not match the lines', details: { differences } } };

    const { matches, unmatched } = await this.matchPromotions(order);
    const command = placeOrderFromShopify(order, { channel: SHOPIFY_CHANNEL, companyCode: context.shop.companyCode }, context.sourceRef, matches);
    const orderId = command.orderId;
    const placed = await this.place(command, context);
    const problems: Refusal[] = [];
    const changes = placed.byThis ? [] : orderChanges(placed.order, command);
    if (changes.length > 0) {
      problems.push({
        reason: 'CHANNEL_ORDER_CHANGED',
        message: `order ${order.name} changed after it was placed; the change is not posted`,
        details: { orderId, differences: changes },
      });
    }
    problems.push(...(await this.recordApplications(placed.order, context)));

    const source = this.source(order.orderId, orderId, context);
    const facts: string[] = [];
    if (unmatched.length > 0 && placed.byThis) {
      if (await this.record(source, { ...source.fields, kind: 'RecordUnmatchedDiscounts', discounts: unmatched, currency: order.currency, placedAt: order.placedAt }))
        facts.push('unmatched-discounts');
    }
    const claim = paymentClaim(order);
    if (claim) {
      const payment = { ...claim, currency: order.currency, at: order.updatedAt };
      if (await this.record(source, { ...source.fields, kind: 'RecordChannelPaymentStatus', payment })) facts.push('payment-status');
    }
    if (options.cancelled) {
      const at = order.cancellation?.at ?? order.updatedAt;
      if (await this.record(source, { ...source.fields, kind: 'RecordChannelCancellation', reason: order.cancellation?.reason ?? 'other', at })) facts.push('cancellation');
    }
    return { subject: { kind: 'order', orderId }, recorded: placed.byThis || facts.length > 0, placed: placed.byThis, facts, problems };
  }

  async transaction(transaction: ShopifyTransaction, context: MediationContext): Promise<Mediated> {
    if (transaction.kind === 'void' && transaction.status === 'success' && transaction.parentId === undefined) {
      throw new ChannelPayloadError('parent_id', 'a void must name the authorization it voids');
    }
    const { orderId: shopifyId, ...content } = transaction;
    const orderId = shopifyOrderId(SHOPIFY_CHANNEL, shopifyId);
    const source = this.source(shopifyId, orderId, context);
    const recorded = await this.record(source, { ...source.fields, kind: 'RecordChannelTransaction', transaction: content });
    return { subject: { kind: 'transaction', orderId, transactionId: transaction.transactionId }, recorded, problems: [] };
  }

  async fulfillment(fulfillment: ShopifyFulfillment, context: MediationContext): Promise<Mediated> {
    const { orderId: shopifyId, ...content } = fulfillment;
    const orderId = shopifyOrderId(SHOPIFY_CHANNEL, shopifyId);
    const source = this.source(shopifyId, orderId, context);
    const recorded = await this.record(source, { ...source.fields, kind: 'RecordChannelFulfillment', fulfillment: content });
    return { subject: { kind: 'fulfillment', orderId, fulfillmentId: fulfillment.fulfillmentId }, recorded, problems: [] };
  }

  /**
   * A refund the channel already paid is kept as a fact (`channel-refund-<shop>-<refundId>`), and
   * that is all: the refund saga applies it to the order. The command id comes from the refund,
   * not the delivery, so a resend under any webhook id records nothing new. Lines restocked as
   * `cancel` were never shipped: they are refunded as money, not returned.
   */
  async refund(payload: unknown, context: MediationContext): Promise<Mediated> {
    const refund = readShopifyRefund(payload);
    const difference = shopifyRefundDifference(refund);
    if (difference) {
      return {
        refusal: {
          reason: 'TOTALS_DO_NOT_ADD_UP',
          message: 'the refunded money does not match the refunded lines, tax, shipping and adjustments',
          details: { differences: [{ field: 'transactions', ...difference }] },
        },
      };
    }
    const orderId = shopifyOrderId(SHOPIFY_CHANNEL, refund.orderId);
    const returnId = `${SHOPIFY_CHANNEL}-refund-${refund.refundId}`;
    const command: RecordChannelRefund = {
      kind: 'RecordChannelRefund',
      channel: SHOPIFY_CHANNEL,
      shop: context.shop.domain,
      refundId: refund.refundId,
      orderId,
      returnId,
      lines: returnedLines(refund).map(({ lineId, quantity }) => ({ lineId, quantity })),
      refundedMinor: refund.refundedMinor,
      currency: refund.currency,
      at: refund.at,
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
    return { subject: { kind: 'refund', orderId, refundId: refund.refundId, returnId }, recorded: !outcome.duplicate && outcome.events.length > 0, problems: [] };
  }

  /** The order as placed: by this payload, or before it (by another delivery, whichever topic). */
  private async place(command: ReturnType<typeof placeOrderFromShopify>, context: MediationContext): Promise<{ order: OrderPlacedData; byThis: boolean }> {
    const { state } = await this.orders.current(command.orderId);
    if (state.status !== 'unplaced') return { order: state.order, byThis: false };
    // The shop's company must be the one reference data maps the channel to, as for any order.
    await this.referenceData.requireChannelCompany(command.channel, command.companyCode, command.placedAt);
    try {
      const outcome = await this.orders.send(
        command.orderId,
        command,
        // One command id per order, whichever topic carries it: concurrent deliveries place it once.
        { commandId: deliveryDerivedId(SHOPIFY_CHANNEL, command.orderId, 'place-order'), metadata: this.metadata(context) },
        { channel: SHOPIFY_CHANNEL, sourceRef: context.sourceRef },
      );
      const placed = outcome.events.find((e) => e.type === 'OrderPlaced');
      if (placed && !outcome.duplicate) return { order: placed.data as OrderPlacedData, byThis: true };
    } catch (error) {
      // Placed meanwhile under another command id (a delivery recorded before ids came from the order).
      if (!(error instanceof BusinessRuleRefusal && error.code === 'ORDER_ALREADY_PLACED')) throw error;
    }
    const now = (await this.orders.current(command.orderId)).state;
    if (now.status === 'unplaced') throw new Error(`order ${command.orderId} was neither placed nor found`);
    return { order: now.order, byThis: false };
  }

  /** Each discount's promotion, by application index, and those that matched none (code and automatic discounts only). */
  private async matchPromotions(order: ShopifyOrder): Promise<{ matches: Map<number, PromotionMatch>; unmatched: UnmatchedDiscount[] }> {
    const matches = new Map<number, PromotionMatch>();
    const unmatched: UnmatchedDiscount[] = [];
    for (const application of order.discountApplications) {
      if (application.type !== 'discount_code' && application.type !== 'automatic') continue;
      const amountMinor = order.lines.reduce((sum, line) => sum + line.discounts.filter((d) => d.applicationIndex === application.index).reduce((s, d) => s + d.amountMinor, 0), 0);
      if (amountMinor === 0) continue;
      const found = await this.discounts.lookup(application.label, order.placedAt, SHOPIFY_CHANNEL);
      if ('match' in found) matches.set(application.index, found.match);
      else unmatched.push({ type: application.type, label: application.label, amountMinor, reason: found.reason });
    }
    return { matches, unmatched };
  }

  /**
   * Budgets and usage count as for any channel: each promotion the order holds records its
   * application (the whole discount; the promotion splits it by its funding). Sent again on every
   * order body (the promotion records it once), so a delivery that failed half-way is completed.
   */
  private async recordApplications(order: OrderPlacedData, context: MediationContext): Promise<Refusal[]> {
    const byPromotion = new Map<string, number>();
    for (const discount of order.discounts) {
      if (discount.promotionId.startsWith(`${SHOPIFY_CHANNEL}:`)) continue;
      byPromotion.set(discount.promotionId, (byPromotion.get(discount.promotionId) ?? 0) + discount.amountMinor);
    }
    const problems: Refusal[] = [];
    for (const [promotionId, amountMinor] of byPromotion) {
      try {
        await this.promotions.send(
          promotionId,
          { kind: 'RecordApplication', promotionId, orderId: order.orderId, amount: { amountMinor, currency: order.currency }, at: order.placedAt },
          { commandId: deliveryDerivedId(SHOPIFY_CHANNEL, order.orderId, `promotion-application/${promotionId}`), metadata: this.metadata(context) },
          { channel: SHOPIFY_CHANNEL, sourceRef: context.sourceRef },
        );
      } catch (error) {
        if (!(error instanceof BusinessRuleRefusal)) throw error;
        problems.push({
          reason: 'REFUSED_BY_RULES',
          message: `promotion ${promotionId} refused the order's discount: ${error.message}`,
          details: { code: error.code, promotionId, orderId: order.orderId, ...error.details },
        });
      }
    }
    return problems;
  }

  private source(shopifyId: string, orderId: string, context: MediationContext) {
    return {
      instance: channelOrderId(context.shop.domain, shopifyId),
      fields: { channel: SHOPIFY_CHANNEL, shop: context.shop.domain, orderId, sourceRef: context.sourceRef },
      context,
    };
  }

  /**
   * Records a fact about a Shopify order. The command id comes from the fact's content, so the
   * same report under any delivery is answered with the first outcome, and different content
   * under a known id is decided (and refused when it conflicts). True when something new was recorded.
   */
  private async record(source: ReturnType<ShopifyMediation['source']>, command: ChannelOrderCommand): Promise<boolean> {
    const { sourceRef: _perDelivery, ...content } = command;
    const outcome = await this.facts.send(
      source.instance,
      command,
      { commandId: deliveryDerivedId(SHOPIFY_CHANNEL, source.instance, `${command.kind}/${canonicalHash(content)}`), metadata: this.metadata(source.context) },
      { channel: SHOPIFY_CHANNEL, sourceRef: source.context.sourceRef },
    );
    return !outcome.duplicate && outcome.events.length > 0;
  }

  private metadata(context: MediationContext) {
    return { correlationId: context.correlationId, principal: `shopify:${context.shop.domain}` };
  }
}
