import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JsonClient } from '../bench/journeys/over-http';
import { posSale, SHOP, SHOP_SECRET, shopifyWebhook, SHOPIFY_TOPICS, webOrder, type WebOrder } from './weekend-orders';

/** A capture the fulfillment saga has not recorded by then fails the order's journey. */
const CAPTURE_WAIT_LIMIT_MS = 60_000;
/** 429 (a full mailbox, the rate limit) and 503 are answered again after a pause, as a channel would. */
const RETRIES = 6;
/** Orders whose journeys run at once; arrivals beyond it are not sent (counted as held back). */
export const MAX_IN_FLIGHT = 96;

/** The wall clock, to the second: business times the sagas' own clock agrees with. */
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An order taken: when its channel's request was answered (ms since the run started) and how long that took. */
export interface TakenOrder {
  channel: 'web' | 'pickup' | 'pos' | 'shopify';
  atMs: number;
  latencyMs: number;
}

export interface TrafficTally {
  taken: TakenOrder[];
  failed: Map<string, number>;
  /** Arrivals not sent because MAX_IN_FLIGHT journeys were under way: the client side's limit, not the service refusing. */
  heldBack: number;
  shipments: number;
  pickups: number;
  returns: number;
  applications: number;
  /** Web orders shipped and captured: what the payment provider pays out. */
  captured: Array<{ orderId: string; amountMinor: number }>;
  /** Cash taken per store and register, for the register closes. */
  cash: Map<string, number>;
}

/**
 * The retailer's channels against the running service, over real HTTP: the web shop (place,
 * record its promotions, authorize; the fulfillment saga reserves and captures; ship in parts or
 * hand over in the store; some come back), two stores' registers (POS sales), and a Shopify shop
 * (signed webhooks through an order's life). Orders arrive open-loop at the rate asked for.
 */
export class WeekendTraffic {
  readonly tally: TrafficTally = { taken: [], failed: new Map(), heldBack: 0, shipments: 0, pickups: 0, returns: 0, applications: 0, captured: [], cash: new Map() };
  private readonly client: JsonClient;
  private readonly inFlight = new Set<Promise<void>>();
  private next = 0;
  private readonly started = performance.now();

  constructor(private readonly base: string) {
    this.client = new JsonClient(new URL(base), MAX_IN_FLIGHT);
  }

  /** ms since the traffic started. */
  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Sends orders at `perSecond` for `seconds`, each on its own journey (not awaited here). */
  async arrive(perSecond: number, seconds: number): Promise<void> {
    const until = performance.now() + seconds * 1000;
    let owed = 0;
    let last = performance.now();
    while (performance.now() < until) {
      await sleep(20);
      const t = performance.now();
      owed += ((t - last) / 1000) * perSecond;
      last = t;
      for (; owed >= 1; owed -= 1) {
        if (this.inFlight.size >= MAX_IN_FLIGHT) {
          this.tally.heldBack += 1;
          continue;
        }
        const journey = this.journey(this.next++).finally(() => this.inFlight.delete(journey));
        this.inFlight.add(journey);
      }
    }
  }

  /** Until every journey started has ended. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  close(): void {
    this.client.close();
  }

  /** Order i: four in ten from the web shop (a quarter of them picked up in a store), three at a register, three on Shopify. */
  private async journey(i: number): Promise<void> {
    const kind = i % 10;
    try {
      if (kind < 4) await this.webJourney(i);
      else if (kind < 7) await this.posJourney(i);
      else await this.shopifyJourney(i);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const what = `${typeof code === 'string' ? code : (error as Error).name}: ${(error as Error).message.slice(0, 120)}`;
      this.tally.failed.set(what, (this.tally.failed.get(what) ?? 0) + 1);
    }
  }

  private async webJourney(i: number): Promise<void> {
    const order = webOrder(i, now());
    await this.taken(order.fulfillment === 'pickup' ? 'pickup' : 'web', () => this.send(201, 'POST', '/orders', order.place));
    for (const { promotionId, amountMinor } of order.applications) {
      await this.send(201, 'POST', `/promotions/${promotionId}/applications`, { orderId: order.orderId, amount: { amountMinor, currency: 'USD' }, at: now() });
      this.tally.applications += 1;
    }
    await this.send(201, 'POST', `/orders/${order.orderId}/authorizations`, { authorizationId: `auth-${i}`, amountMinor: order.totalMinor, currency: 'USD', at: now() });
    await this.untilCaptured(order);
    if (order.fulfillment === 'pickup') {
      await this.send(201, 'POST', `/orders/${order.orderId}/pickups`, { pickupId: `pu-${i}`, at: now() });
      this.tally.pickups += 1;
      return;
    }
    // Split shipments: the first line leaves the warehouse first, the rest in a second parcel.
    const [first, ...rest] = order.lineIds;
    const units = (ids: string[]) =>
      ids.map((lineId) => ({ lineId, quantity: (order.place.lines as Array<{ lineId: string; quantity: number }>).find((l) => l.lineId === lineId)!.quantity }));
    await this.send(201, 'POST', `/orders/${order.orderId}/shipments`, { shipmentId: `shp-${i}-1`, lines: units([first]), shippedAt: now() });
    this.tally.shipments += 1;
    if (rest.length > 0) {
      await this.send(201, 'POST', `/orders/${order.orderId}/shipments`, { shipmentId: `shp-${i}-2`, lines: units(rest), shippedAt: now() });
      this.tally.shipments += 1;
    }
    this.tally.captured.push({ orderId: order.orderId, amountMinor: order.totalMinor });
    // About one shipped order in five comes back (one unit of its first line); the refund saga pays it back.
    if (i % 6 === 0) {
      await this.send(201, 'POST', `/orders/${order.orderId}/returns`, { returnId: `ret-${i}`, lines: [{ lineId: first, quantity: 1 }], at: now() });
      await this.send(201, 'POST', `/orders/${order.orderId}/returns/ret-${i}/receipt`, { at: now() });
      this.tally.returns += 1;
    }
  }

  private async posJourney(i: number): Promise<void> {
    const sale = posSale(i, now());
    await this.taken('pos', () => this.send(201, 'POST', '/channels/pos/transactions', sale.body));
    const register = `${sale.storeId}/${sale.registerId}`;
    this.tally.cash.set(register, (this.tally.cash.get(register) ?? 0) + sale.cashMinor);
  }

  private async shopifyJourney(i: number): Promise<void> {
    for (let step = 0; step < SHOPIFY_TOPICS.length; step++) {
      const webhook = shopifyWebhook(i, step, now());
      const deliver = () => this.webhook(webhook.topic, webhook.body, `wh-${i}-${step}`);
      if (step === 0) await this.taken('shopify', deliver);
      else await deliver();
    }
  }

  private async taken(channel: TakenOrder['channel'], request: () => Promise<unknown>): Promise<void> {
    const start = performance.now();
    await request();
    this.tally.taken.push({ channel, atMs: performance.now() - this.started, latencyMs: performance.now() - start });
  }

  private async untilCaptured(order: WebOrder): Promise<void> {
    const start = performance.now();
    for (;;) {
      await sleep(200);
      const state = await this.send(200, 'GET', `/orders/${order.orderId}`);
      if (state.capturedMinor >= order.totalMinor) return;
      if (performance.now() - start > CAPTURE_WAIT_LIMIT_MS) throw new Error(`the fulfillment saga did not capture ${order.orderId} within ${CAPTURE_WAIT_LIMIT_MS} ms`);
    }
  }

  /** A JSON request answered with `status`; a 429 or 503 is sent again after a pause. */
  async send(status: number, method: 'GET' | 'POST', path: string, body?: object): Promise<any> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.send(status, method, path, body);
      } catch (error) {
        const { code } = error as { code?: unknown };
        if (attempt >= RETRIES || typeof code !== 'string' || !/^HTTP_(429|503)/.test(code)) throw error;
        await sleep(100 * attempt);
      }
    }
  }

  /** A Shopify webhook, signed with the shop's secret; Shopify expects 200 whatever it carried. */
  private async webhook(topic: string, body: Buffer, webhookId: string): Promise<void> {
    const response = await fetch(`${this.base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(body).digest('base64'),
      },
      body,
    });
    const answer = (await response.json()) as { status?: string };
    if (response.status !== 200 || answer.status === 'rejected') throw new Error(`Shopify ${topic} ${webhookId}: ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
  }
}
