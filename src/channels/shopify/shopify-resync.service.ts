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
import { readShopifyRefund } from './shopify-refund';
import { type Mediated, type MediationContext, type Refusal, SHOPIFY_CHANNEL, ShopifyMediation } from './shopify-mediation';
import { orderNode, readShopifyOrder } from './shopify-order';
import { readShopifyTransaction, transactionItems } from './shopify-transaction';
import { ShopifyWebhookService } from './shopify-webhook.service';

/** What a re-sync did, part by part: what was new, what Ledgerbridge had already, what it refused and why. */
export interface ResyncReport {
  shop: string;
  orderId: string;
  /**
   * `placed`: the order was missing and is placed now; `known`: it was placed before; `refused`:
   * this body was refused and the order is not placed (by it or before): it waits on the
   * business-error queue as `businessError`.
   */
  order: 'placed' | 'known' | 'refused';
  recorded: { transactions: string[]; fulfillments: string[]; refunds: string[]; cancellation: boolean; paymentStatus: boolean };
  alreadyKnown: { transactions: string[]; fulfillments: string[]; refunds: string[] };
  /** Parts not taken (a refund that does not add up, a changed posted order ...), each with its reason; also on the business-error queue. */
  refused: Array<{ part: string } & Refusal>;
  businessError?: string;
  /** The order now; facts recorded by this re-sync are applied by the sagas right after. */
  state: SubjectState;
}

/** A path inside the request: `prefix` joined with a path read from inside it. */
function within(prefix: string, path: string): string {
  if (!path || path === 'body') return prefix || 'body';
  if (!prefix) return path;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Where a payload error sits in the re-sync request. */
function inRequest(prefix: string, error: unknown): never {
  if (error instanceof SyntaxError) throw new InputInvalidError([{ path: prefix || 'body', reason: `not JSON: ${error.message}` }]);
  if (error instanceof ChannelPayloadError) throw new InputInvalidError([{ path: within(prefix, error.path), reason: error.message.slice(error.path.length + 2) }]);
  throw error;
}

/**
 * Everything a re-sync request says, read before anything is written: a request that cannot be
 * read is refused whole (400 naming the field by its path in the request).
 */
function readRequest(raw: Buffer) {
  let at = '';
  try {
    const request = new PayloadReader(parseChannelPayload(raw), '');
    const domain = request.field('shop').string();
    at = 'order';
    const order = readShopifyOrder(request.field('order').value);
    const node = orderNode(request.field('order').value);
    const fulfillments = node
      .field('fulfillments')
      .optionalItems()
      .map((item) => {
        at = within('order', item.path);
        return readShopifyFulfillment(item.value, order.orderId);
      });
    at = 'order';
    const refunds = node
      .field('refunds')
      .optionalItems()
      .map((item) => {
        at = within('order', item.path);
        return { refundId: readShopifyRefund(item.value).refundId, payload: item.value };
      });
    at = 'transactions';
    const transactions = (request.has('transactions') ? transactionItems(request.field('transactions').value) : []).map((item) => {
      at = within('transactions', item.path);
      return readShopifyTransaction(item.value, order.currency);
    });
    const strangers = [...transactions.map((t, i) => [t.orderId, `transactions[${i}]`]), ...fulfillments.map((f, i) => [f.orderId, `order.fulfillments[${i}]`])].filter(
      ([id]) => id !== order.orderId,
    );
    if (strangers.length > 0) throw new InputInvalidError(strangers.map(([, part]) => ({ path: `${part}.order_id`, reason: `must be the order's id ${order.orderId}` })));
    return { domain, order, transactions, fulfillments, refunds };
  } catch (error) {
    return inRequest(at, error);
  }
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
    const { domain, order, transactions, fulfillments, refunds } = readRequest(raw);
    const shop = this.webhooks.shop(domain);
    if (!shop) throw new InputInvalidError([{ path: 'shop', reason: 'must be a shop listed in SHOPIFY_SHOPS' }]);

    const deliveryId = `resync-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
    const sourceRef = await recordDelivery(this.store, {
      channel: SHOPIFY_CHANNEL,
      deliveryId,
      topic: 'resync',
      source: shop.domain,
      receivedAt: new Date().toISOString(),
      rawBody: raw.toString('utf8'),
    });
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

    const placing = await this.part(() => this.mediation.order(order, context, { cancelled: order.cancellation !== undefined }));
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
    for (const refund of refunds) {
      this.note(report, 'refunds', refund.refundId, await this.part(() => this.mediation.refund(refund.payload, context)));
    }
    if (report.refused.length > 0) {
      const [first, ...more] = report.refused;
      report.businessError = await this.businessErrors.record(
        {
          channel: SHOPIFY_CHANNEL,
          deliveryId,
          topic: 'resync',
          sourceRef,
          reason: first.reason,
          message: `${first.part}: ${first.message}`,
          details: { ...first.details, ...(more.length ? { alsoWrong: more } : {}) },
          recordedAt: new Date().toISOString(),
          companyCode: shop.companyCode,
          payloadTaken: true,
        },
        { correlationId, principal: `shopify:${shop.domain}` },
      );
    }
    report.state = await this.answers.stateOf({ kind: 'order', orderId: report.orderId });
    // A refused body of an order placed before (by a webhook) leaves it known; otherwise nothing placed it.
    if ('refusal' in placing && report.state.order === null) report.order = 'refused';
    return report;
  }

  /**
   * The gRPC form: the Admin API's answers as JSON strings, each checked on its own so a problem
   * names its field, then re-synced as one request (kept as such for lineage).
   */
  async resyncParts(shop: string, orderJson: string, transactionsJson: string | undefined, correlationId: string): Promise<ResyncReport> {
    for (const [field, text] of [
      ['orderJson', orderJson],
      ['transactionsJson', transactionsJson],
    ] as const) {
      if (text === undefined) continue;
      try {
        parseChannelPayload(text);
      } catch (error) {
        inRequest(field, error);
      }
    }
    const raw = `{"shop":${JSON.stringify(shop)},"order":${orderJson}${transactionsJson === undefined ? '' : `,"transactions":${transactionsJson}`}}`;
    return this.resync(Buffer.from(raw, 'utf8'), correlationId);
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
