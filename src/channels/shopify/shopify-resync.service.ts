import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InputInvalidError } from '../../errors/input-invalid.error';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { BusinessErrorCommands } from '../business-errors';
import { recordDelivery } from '../channel-deliveries';
import { parseChannelPayload } from '../channel-payload';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';
import { ShopifyAnswers, type SubjectState } from './shopify-answers';
import { readShopifyFulfillment } from './shopify-fulfillment';
import { type Mediated, type MediationContext, type Refusal, SHOPIFY_CHANNEL, ShopifyMediation } from './shopify-mediation';
import { orderNode, readShopifyOrder, type ShopifyOrder } from './shopify-order';
import { readShopifyTransaction, transactionItems } from './shopify-transaction';
import { ShopifyWebhookService } from './shopify-webhook.service';

/** What a re-sync did, part by part: what was new, what Ledgerbridge had already, what it refused and why. */
export interface ResyncReport {
  shop: string;
  orderId: string;
  /** `placed`: the order was missing and is placed now; `known`: it was placed before. */
  order: 'placed' | 'known';
  recorded: { transactions: string[]; fulfillments: string[]; refunds: string[]; cancellation: boolean; paymentStatus: boolean };
  alreadyKnown: { transactions: string[]; fulfillments: string[]; refunds: string[] };
  /** Parts not taken (a refund that does not add up, a changed posted order ...), each with its reason; also on the business-error queue. */
  refused: Array<{ part: string } & Refusal>;
  businessError?: string;
  /** The order now; facts recorded by this re-sync are applied by the sagas right after. */
  state: SubjectState;
}

/** Where a payload error sits in the re-sync request. */
function inRequest(prefix: string, error: unknown): never {
  if (error instanceof ChannelPayloadError) {
    const inside = error.path && error.path !== 'body' ? error.path : '';
    throw new InputInvalidError([{ path: [prefix, inside].filter(Boolean).join('.') || 'body', reason: error.message.slice(error.path.length + 2) }]);
  }
  throw error;
}

/**
 * Re-sync: Shopify does not guarantee delivery, so an operator brings in an order as the Admin
 * API returns it (`GET /orders/{id}.json`, with its fulfillments and refunds, and
 * `GET /orders/{id}/transactions.json`). Everything goes through the same mediation as the
 * webhooks and the same facts, keyed by Shopify's ids: what Ledgerbridge has already is
 * recognised, never recorded twice; what is missing is placed or recorded (the sagas then apply
 * it), and the report says which was which.
 */
@Injectable()
export class ShopifyResync {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ShopifyMediation) private readonly mediation: ShopifyMediation,
    @Inject(ShopifyAnswers) private readonly answers: ShopifyAnswers,
    @Inject(ShopifyWebhookService) private readonly webhooks: ShopifyWebhookService,
    @Inject(BusinessErrorCommands) private readonly businessErrors: BusinessErrorCommands,
  ) {}

  /**
   * `raw`: `{"shop": "<domain>", "order": <order answer>, "transactions": <transactions answer>}`.
   * A request that cannot be read is refused whole (400, nothing written).
   */
  async resync(raw: Buffer, correlationId: string): Promise<ResyncReport> {
    let request: PayloadReader;
    try {
      request = new PayloadReader(parseChannelPayload(raw), '');
      request.field('order');
    } catch (error) {
      if (error instanceof SyntaxError) throw new InputInvalidError([{ path: 'body', reason: `not JSON: ${error.message}` }]);
      return inRequest('body', error);
    }
    const domain = (() => {
      try {
        return request.field('shop').string();
      } catch (error) {
        return inRequest('', error);
      }
    })();
    const shop = this.webhooks.shop(domain);
    if (!shop) throw new InputInvalidError([{ path: 'shop', reason: 'must be a shop listed in SHOPIFY_SHOPS' }]);

    // Everything is read before anything is written.
    let order: ShopifyOrder;
    try {
      order = readShopifyOrder(request.field('order').value);
    } catch (error) {
      return inRequest('order', error);
    }
    const node = orderNode(request.field('order').value);
    const transactions = this.readAll('transactions', request.has('transactions') ? transactionItems(request.field('transactions').value) : [], (t) => readShopifyTransaction(t.value, order.currency));
    const fulfillments = this.readAll('order', node.field('fulfillments').optionalItems(), (f) => readShopifyFulfillment(f.value, order.orderId));
    const strangers = [...transactions.map((t, i) => [t.orderId, `transactions[${i}]`]), ...fulfillments.map((f, i) => [f.orderId, `order.fulfillments[${i}]`])].filter(([id]) => id !== order.orderId);
    if (strangers.length > 0) throw new InputInvalidError(strangers.map(([, part]) => ({ path: `${part}.order_id`, reason: `must be the order's id ${order.orderId}` })));
    const refunds = node.field('refunds').optionalItems();

    const deliveryId = `resync-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
    const sourceRef = await recordDelivery(this.store, { channel: SHOPIFY_CHANNEL, deliveryId, topic: 'resync', source: shop.domain, receivedAt: new Date().toISOString(), rawBody: raw.toString('utf8') });
    const context: MediationContext = { shop, sourceRef, correlationId };
    const report: ResyncReport = {
      shop: shop.domain,
      orderId: `${SHOPIFY_CHANNEL}-${order.orderId}`,
      order: 'known',
      recorded: { transactions: [], fulfillments: [], refunds: [], cancellation: false, paymentStatus: false },
      alreadyKnown: { transactions: [], fulfillments: [], refunds: [] },
      refused: [],
      state: { orderId: `${SHOPIFY_CHANNEL}-${order.orderId}`, order: null },
    };

    const placing = await this.mediation.order(order, context, { cancelled: order.cancellation !== undefined });
    if ('refusal' in placing) report.refused.push({ part: 'order', ...placing.refusal });
    else {
      report.order = placing.placed ? 'placed' : 'known';
      report.refused.push(...placing.problems.map((problem) => ({ part: 'order', ...problem })));
      report.recorded.cancellation = placing.facts?.includes('cancellation') ?? false;
      report.recorded.paymentStatus = placing.facts?.includes('payment-status') ?? false;
    }
    // Refund transactions are part of the refunds below, which say what was refunded.
    for (const transaction of transactions.filter((t) => t.kind !== 'refund')) {
      this.note(report, 'transactions', transaction.transactionId, await this.part(() => this.mediation.transaction(transaction, context)));
    }
    for (const fulfillment of fulfillments) {
      this.note(report, 'fulfillments', fulfillment.fulfillmentId, await this.part(() => this.mediation.fulfillment(fulfillment, context)));
    }
    for (const [i, refund] of refunds.entries()) {
      const id = refund.has('id') ? String(refund.field('id').value) : `refunds[${i}]`;
      this.note(report, 'refunds', id, await this.part(() => this.mediation.refund(refund.value, context)));
    }
    if (report.refused.length > 0) {
      const [first, ...more] = report.refused;
      report.businessError = await this.businessErrors.record(
        { channel: SHOPIFY_CHANNEL, deliveryId, topic: 'resync', sourceRef, reason: first.reason, message: `${first.part}: ${first.message}`, details: { ...first.details, ...(more.length ? { alsoWrong: more } : {}) }, recordedAt: new Date().toISOString() },
        { correlationId, principal: `shopify:${shop.domain}` },
      );
    }
    report.state = await this.answers.stateOf({ kind: 'order', orderId: report.orderId });
    return report;
  }

  /**
   * The gRPC form: the Admin API's answers as JSON strings, each checked on its own so a problem
   * names its field, then re-synced as one request (kept as such for lineage).
   */
  async resyncParts(shop: string, orderJson: string, transactionsJson: string | undefined, correlationId: string): Promise<ResyncReport> {
    for (const [field, text] of [['orderJson', orderJson], ['transactionsJson', transactionsJson]] as const) {
      if (text === undefined) continue;
      try {
        parseChannelPayload(text);
      } catch (error) {
        if (error instanceof SyntaxError) throw new InputInvalidError([{ path: field, reason: `not JSON: ${error.message}` }]);
        inRequest(field, error);
      }
    }
    const raw = `{"shop":${JSON.stringify(shop)},"order":${orderJson}${transactionsJson === undefined ? '' : `,"transactions":${transactionsJson}`}}`;
    return this.resync(Buffer.from(raw, 'utf8'), correlationId);
  }

  /** Reads each item; an error names its path in the request (`base`: the request field the items are read from). */
  private readAll<T>(base: string, items: PayloadReader[], read: (item: PayloadReader) => T): T[] {
    return items.map((item) => {
      try {
        return read(item);
      } catch (error) {
        return inRequest(item.path.startsWith('[') ? `${base}${item.path}` : `${base}.${item.path}`, error);
      }
    });
  }

  /** One part: a rule refusal (a conflicting fact) is reported, not thrown. */
  private async part(run: () => Promise<Mediated>): Promise<Mediated> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ChannelPayloadError) return { refusal: { reason: 'MALFORMED_PAYLOAD', message: error.message, details: { path: error.path } } };
      if (error instanceof BusinessRuleRefusal) return { refusal: { reason: 'REFUSED_BY_RULES', message: error.message, details: { code: error.code, ...error.details } } };
      throw error;
    }
  }

  private note(report: ResyncReport, kind: 'transactions' | 'fulfillments' | 'refunds', id: string, mediated: Mediated): void {
    if ('refusal' in mediated) report.refused.push({ part: `${kind}/${id}`, ...mediated.refusal });
    else (mediated.recorded ? report.recorded : report.alreadyKnown)[kind].push(id);
  }
}

