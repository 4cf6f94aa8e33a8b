import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import type { BusinessErrorView, ChannelReprocessor } from '../business-errors';
import type { ReprocessingOutcome } from '../business-errors.commands';
import { readDelivery } from '../channel-deliveries';
import { ShopifyAnswers } from './shopify-answers';
import { SHOPIFY_CHANNEL, ShopifyMediation } from './shopify-mediation';
import { ShopifyResync } from './shopify-resync.service';
import { ShopifyWebhookService } from './shopify-webhook.service';

/**
 * Runs a queued Shopify payload again, as things stand today (a promotion defined, its usage
 * given back ...): a webhook delivery through the mediation, a re-sync as a re-sync.
 */
@Injectable()
export class ShopifyReprocessing implements ChannelReprocessor {
  readonly channel = SHOPIFY_CHANNEL;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ShopifyMediation) private readonly mediation: ShopifyMediation,
    @Inject(ShopifyAnswers) private readonly answers: ShopifyAnswers,
    @Inject(ShopifyResync) private readonly resyncs: ShopifyResync,
    @Inject(ShopifyWebhookService) private readonly webhooks: ShopifyWebhookService,
  ) {}

  async reprocess(entry: BusinessErrorView): Promise<ReprocessingOutcome> {
    const kept = await readDelivery(this.store, entry.sourceRef);
    if (!kept) return { status: 'rejected', reason: 'MALFORMED_PAYLOAD', message: `the payload ${entry.sourceRef} is not kept`, details: {} };
    const raw = Buffer.from(kept.rawBody, 'utf8');
    const correlationId = `reprocess-${entry.id}`;
    if (entry.topic === 'resync') {
      const report = await this.resyncs.resync(raw, correlationId);
      const [refused] = report.refused;
      if (refused) return { status: 'rejected', reason: refused.reason, message: `${refused.part}: ${refused.message}`, details: refused.details };
      return { status: 'resolved', answer: { ...report.state } };
    }
    const shop = this.webhooks.shop(kept.source);
    if (!shop) return { status: 'rejected', reason: 'REFUSED_BY_RULES', message: `shop ${kept.source} is not in SHOPIFY_SHOPS`, details: { code: 'SHOP_NOT_CONFIGURED' } };
    const mediated = await this.mediation.mediateRaw(entry.topic, raw, { shop, sourceRef: entry.sourceRef, correlationId });
    if ('refusal' in mediated) return { status: 'rejected', ...mediated.refusal };
    const [problem] = mediated.problems;
    if (problem) return { status: 'rejected', ...problem };
    return { status: 'resolved', answer: { ...(await this.answers.stateOf(mediated.subject)) } };
  }
}
