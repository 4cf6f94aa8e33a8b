import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { UnauthenticatedError } from '../../access/access-denied.errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { ShopifyShopSetting as ShopifyShop } from '../../config/shopify-shops.setting';
import { InputInvalidError } from '../../errors/input-invalid.error';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { BusinessErrorCommands, type BusinessErrorView } from '../business-errors';
import { readDelivery, recordDelivery } from '../channel-deliveries';
import { ShopifyAnswers, type SubjectState } from './shopify-answers';
import { type Mediated, type Refusal, SHOPIFY_CHANNEL, SHOPIFY_TOPICS, ShopifyMediation } from './shopify-mediation';
import { isShopifySignatureValid } from './webhook-signature';

export { SHOPIFY_CHANNEL } from './shopify-mediation';

export interface ShopifyDelivery {
  shopDomain: string | undefined;
  topic: string | undefined;
  webhookId: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
}

/**
 * What a delivery is answered, always the current state of what it carried, so a repeated
 * delivery learns where things stand now: `accepted` (an order, with its state), `recorded` (a
 * transaction, fulfillment or refund kept as a fact, `applied` once the order took it),
 * `rejected` (on the business-error queue, with the entry's state), `ignored` (a topic
 * Ledgerbridge does not read). `businessError` names the queue entry of a payload taken with a
 * problem left for a person (an edit of a posted order, a promotion that refused its discount).
 */
export type WebhookAnswer =
  | ({ status: 'accepted' | 'recorded'; businessError?: string } & SubjectState)
  | { status: 'rejected'; businessError: string; reason: string; message: string; state: BusinessErrorView['status'] }
  | { status: 'ignored'; topic: string };

const WEBHOOK_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One Shopify webhook delivery: verify the signature, keep the raw payload for lineage, and let
 * the mediation turn it into commands and facts. A payload refused for its content (malformed,
 * nested too deep, totals that do not add up, a time the ledger cannot post) is answered 200 and
 * put on the business-error queue, so Shopify stops retrying it and a person can look.
 * Deliveries are told apart by X-Shopify-Webhook-Id: a repeat reaches the same command and
 * fact ids (nothing twice) and is answered with the current state.
 */
@Injectable()
export class ShopifyWebhookService {
  private readonly shops: Map<string, ShopifyShop>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ShopifyMediation) private readonly mediation: ShopifyMediation,
    @Inject(ShopifyAnswers) private readonly answers: ShopifyAnswers,
    @Inject(BusinessErrorCommands) private readonly businessErrors: BusinessErrorCommands,
  ) {
    this.shops = config.shopifyShops;
  }

  /** The shop a request signed with its secret comes from; the same refusal for an unknown shop and a bad signature. */
  verifiedShop(shopDomain: string | undefined, rawBody: Buffer | undefined, signature: string | undefined): ShopifyShop {
    const shop = shopDomain === undefined ? undefined : this.shops.get(shopDomain);
    const secrets = shop ? [shop.secret, ...(shop.previousSecret ? [shop.previousSecret] : [])] : [];
    if (!shop || !rawBody || !secrets.some((secret) => isShopifySignatureValid(rawBody, signature, secret))) {
      throw new UnauthenticatedError('the webhook signature does not verify');
    }
    return shop;
  }

  shop(domain: string): ShopifyShop | undefined {
    return this.shops.get(domain);
  }

  async receive(delivery: ShopifyDelivery, correlationId: string): Promise<WebhookAnswer> {
    const shop = this.verifiedShop(delivery.shopDomain, delivery.rawBody, delivery.signature);
    const rawBody = delivery.rawBody!;
    if (!delivery.webhookId || !WEBHOOK_ID.test(delivery.webhookId)) {
      throw new InputInvalidError([{ path: 'headers.x-shopify-webhook-id', reason: 'must be the delivery id Shopify sends' }]);
    }
    const topic = delivery.topic ?? '';
    if (!SHOPIFY_TOPICS.includes(topic)) return { status: 'ignored', topic };

    const body = rawBody.toString('utf8');
    let deliveryId = delivery.webhookId;
    let sourceRef = await this.keep({ deliveryId, topic, source: shop.domain, body });
    let mediated: Mediated | undefined;
    if ((await this.keptBody(sourceRef)) !== body) {
      // Shopify retries with the original payload: other bytes under a known delivery id are kept apart and queued.
      deliveryId = `${delivery.webhookId}~${createHash('sha256').update(rawBody).digest('hex').slice(0, 16)}`;
      sourceRef = await this.keep({ deliveryId, topic, source: shop.domain, body });
      mediated = {
        refusal: {
          reason: 'REFUSED_BY_RULES',
          message: `delivery ${delivery.webhookId} was received before with another body; the first stands`,
          details: { code: 'DELIVERY_ID_REUSED', webhookId: delivery.webhookId },
        },
      };
    }
    const context = { shop, sourceRef, correlationId };
    // A delivery refused before is answered with its entry as it stands; one taken before is taken again (nothing twice).
    const queued = await this.businessErrors.ofDelivery(SHOPIFY_CHANNEL, deliveryId);
    if (queued && !queued.payloadTaken) return this.rejected(queued);

    mediated ??= await this.mediation.mediateRaw(topic, rawBody, context);
    if ('refusal' in mediated) return this.rejected(await this.queue(deliveryId, topic, sourceRef, correlationId, shop, [mediated.refusal]));
    const businessError = mediated.problems.length > 0 ? (await this.queue(deliveryId, topic, sourceRef, correlationId, shop, mediated.problems, true)).id : undefined;
    const state = await this.answers.stateOf(mediated.subject);
    return { status: mediated.subject.kind === 'order' ? 'accepted' : 'recorded', ...state, ...(businessError ? { businessError } : {}) };
  }

  private keep(delivery: { deliveryId: string; topic: string; source: string; body: string }): Promise<string> {
    return recordDelivery(this.store, {
      channel: SHOPIFY_CHANNEL,
      deliveryId: delivery.deliveryId,
      topic: delivery.topic,
      source: delivery.source,
      receivedAt: new Date().toISOString(),
      rawBody: delivery.body,
    });
  }

  private async keptBody(sourceRef: string): Promise<string | undefined> {
    return (await readDelivery(this.store, sourceRef))?.rawBody;
  }

  /** One entry per delivery: its first problem is the reason, any others are listed with it. */
  private async queue(
    deliveryId: string,
    topic: string,
    sourceRef: string,
    correlationId: string,
    shop: ShopifyShop,
    problems: Refusal[],
    payloadTaken = false,
  ): Promise<BusinessErrorView> {
    const [first, ...more] = problems;
    await this.businessErrors.record(
      {
        channel: SHOPIFY_CHANNEL,
        deliveryId,
        topic,
        sourceRef,
        reason: first.reason,
        message: first.message,
        details: { ...first.details, ...(more.length ? { alsoWrong: more } : {}) },
        recordedAt: new Date().toISOString(),
        companyCode: shop.companyCode,
        ...(payloadTaken ? { payloadTaken: true as const } : {}),
      },
      { correlationId, principal: `shopify:${shop.domain}` },
    );
    return (await this.businessErrors.ofDelivery(SHOPIFY_CHANNEL, deliveryId))!;
  }

  private rejected(entry: BusinessErrorView): WebhookAnswer {
    return { status: 'rejected', businessError: entry.id, reason: entry.reason, message: entry.message, state: entry.status };
  }
}
