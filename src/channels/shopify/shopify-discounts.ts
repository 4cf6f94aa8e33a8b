import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port';
import type { Funding, PromotionDefinition } from '../../promotion/promotion.events';
import { instantMs } from '../../time/instant';
import type { ChannelDiscountsUnmatched } from '../channel-order.events';

/** A Ledgerbridge promotion a Shopify discount is booked as. */
export interface PromotionMatch {
  promotionId: string;
  funding: Funding;
}

export type DiscountLookup = { match: PromotionMatch } | { reason: string };

/** The promotion events that say which promotion a code names, when, and for which channels. */
const TERMS = ['PromotionDefined', 'PromotionActivated', 'PromotionDeactivated', 'PromotionPublished', 'PromotionPublicationFailed'];
const UNMATCHED: ChannelDiscountsUnmatched['type'] = 'ChannelDiscountsUnmatched';

interface PromotionTerms {
  definition: PromotionDefinition;
  active: boolean;
  /** Latest answer per channel: published or not. */
  published: Map<string, { published: boolean; at: number }>;
}

/** One unmatched discount label of one shop, over the orders that carried it. */
export interface UnmatchedDiscountView {
  shop: string;
  type: string;
  label: string;
  orders: number;
  /** Per currency, the discount the retailer bore for want of a promotion. */
  amounts: Array<{ currency: string; amountMinor: number }>;
  firstPlacedAt: string;
  lastPlacedAt: string;
  /** Up to ten of the latest orders. */
  orderIds: string[];
  /** Why the latest order's discount matched no promotion. */
  reason: string;
}

/**
 * Which promotion defined in Ledgerbridge a Shopify discount is, and which discounts were none.
 * Follows the log for promotion terms and unmatched-discount facts only (a type filter, so a
 * store full of orders is not read), picking up what is new at each use: a promotion defined a
 * moment ago is seen by the next order.
 */
@Injectable()
export class ShopifyDiscounts {
  private readonly promotions = new Map<string, PromotionTerms>();
  private readonly byCode = new Map<string, Set<string>>();
  private readonly unmatched = new Map<string, UnmatchedDiscountView & { amountsByCurrency: Map<string, number> }>();
  private next: bigint | undefined;
  private following: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The promotion a discount's code (or an automatic discount's title) names for `channel` at
   * `at`: the code matches case-insensitively (Shopify's codes do), the promotion is published
   * to the channel, active, and `at` falls in its window. One such promotion, or the reason none.
   */
  async lookup(label: string, at: string, channel: string): Promise<DiscountLookup> {
    await this.catchUp();
    const candidates = [...(this.byCode.get(label.toLowerCase()) ?? [])].map((id) => this.promotions.get(id)!);
    if (candidates.length === 0) return { reason: 'no promotion has this code' };
    const ms = instantMs(at)!;
    const problemOf = ({ definition, active, published }: PromotionTerms): string | undefined => {
      const id = definition.promotionId;
      if (!published.get(channel)?.published) return `promotion ${id} is not published to ${channel}`;
      if (!active) return `promotion ${id} is not active`;
      if (ms < instantMs(definition.window.from)! || ms >= instantMs(definition.window.to)!) return `promotion ${id} is not effective at ${at}`;
      return undefined;
    };
    const problems = candidates.map(problemOf);
    const fitting = candidates.filter((_, i) => problems[i] === undefined);
    if (fitting.length > 1) return { reason: `several promotions have this code: ${fitting.map((p) => p.definition.promotionId).join(', ')}` };
    if (fitting.length === 0) return { reason: problems.join('; ') };
    const [{ definition }] = fitting;
    return { match: { promotionId: definition.promotionId, funding: definition.funding } };
  }

  /** Discounts booked retailer-funded for want of a promotion, by shop and label, most orders first. */
  async unmatchedDiscounts(): Promise<UnmatchedDiscountView[]> {
    await this.catchUp();
    return [...this.unmatched.values()]
      .map(({ amountsByCurrency, ...view }) => ({ ...view, amounts: [...amountsByCurrency].map(([currency, amountMinor]) => ({ currency, amountMinor })) }))
      .sort((a, b) => b.orders - a.orders || a.label.localeCompare(b.label));
  }

  private catchUp(): Promise<void> {
    // One reader at a time: the next one starts where this one ended.
    this.following = this.following.catch(() => undefined).then(() => this.readNew());
    return this.following;
  }

  private async readNew(): Promise<void> {
    const events = await this.store.readAll({ fromPosition: this.next, filter: { on: 'eventType', prefixes: [...TERMS, UNMATCHED] } });
    for (const event of events) {
      if (event.type === UNMATCHED) this.noteUnmatched(event as unknown as RecordedEvent<ChannelDiscountsUnmatched['data']>);
      else this.notePromotion(event);
      this.next = event.globalPosition + 1n;
    }
  }

  private notePromotion(event: RecordedEvent): void {
    const data = event.data as { promotionId: string; channel?: string; at?: string };
    if (event.type === 'PromotionDefined') {
      const definition = event.data as PromotionDefinition;
      this.promotions.set(definition.promotionId, { definition, active: false, published: new Map() });
      const code = definition.code.toLowerCase();
      this.byCode.set(code, new Set([...(this.byCode.get(code) ?? []), definition.promotionId]));
      return;
    }
    const terms = this.promotions.get(data.promotionId);
    if (!terms) return;
    if (event.type === 'PromotionActivated') terms.active = true;
    else if (event.type === 'PromotionDeactivated') terms.active = false;
    else {
      // Channels may answer out of order: the answer with the later time is the channel's state (as the promotion keeps it).
      const at = instantMs(data.at) ?? 0;
      const held = terms.published.get(data.channel!);
      if (!held || held.at <= at) terms.published.set(data.channel!, { published: event.type === 'PromotionPublished', at });
    }
  }

  private noteUnmatched(event: RecordedEvent<ChannelDiscountsUnmatched['data']>): void {
    const { shop, orderId, discounts, currency, placedAt } = event.data;
    for (const discount of discounts) {
      const key = JSON.stringify([shop, discount.type, discount.label.toLowerCase()]);
      const view = this.unmatched.get(key) ?? {
        shop,
        type: discount.type,
        label: discount.label,
        orders: 0,
        amounts: [],
        amountsByCurrency: new Map<string, number>(),
        firstPlacedAt: placedAt,
        lastPlacedAt: placedAt,
        orderIds: [],
        reason: discount.reason,
      };
      view.orders += 1;
      view.amountsByCurrency.set(currency, (view.amountsByCurrency.get(currency) ?? 0) + discount.amountMinor);
      if (placedAt < view.firstPlacedAt) view.firstPlacedAt = placedAt;
      if (placedAt >= view.lastPlacedAt) {
        view.lastPlacedAt = placedAt;
        view.reason = discount.reason;
      }
      view.orderIds = [orderId, ...view.orderIds].slice(0, 10);
      this.unmatched.set(key, view);
    }
  }
}
