import { AT, workedExampleOrder } from '../../order/api/order-requests';

/**
 * Order traffic over HTTP that survives the service being killed under it: each worker runs
 * order lives (place, authorize, capture, split shipment, partial return, refund) against
 * whichever service is up, abandons an order whose request was cut by a kill, and waits for
 * the next service. What was stored is read back from the log, so nothing here needs to know
 * whether a cut request made it.
 */

/** DESIGN.md's worked example (total 105.19) lived through; returning one unit of L1 owes 29.31. */
function orderLife(orderId: string): Array<[path: string, body: object]> {
  const order = `/orders/${orderId}`;
  return [
    ['/orders', workedExampleOrder(orderId)],
    [`${order}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }],
    [`${order}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT }],
    [`${order}/shipments`, { shipmentId: 's-1', lines: [{ lineId: 'L1', quantity: 2 }], shippedAt: AT }],
    [`${order}/shipments`, { shipmentId: 's-2', lines: [{ lineId: 'L2', quantity: 1 }], shippedAt: AT }],
    [`${order}/returns`, { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }],
    [`${order}/returns/r-1/receipt`, { at: AT }],
    [`${order}/refunds`, { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: AT, returnId: 'r-1' }],
  ];
}

export interface LoadCounts {
  /** 201s: commands the service stored. */
  stored: number;
  /** 4xx: commands the order refused (the fulfillment saga may have captured first). */
  refused: number;
  /** 5xx answers. */
  failed: number;
  /** Requests cut by a kill: stored or not, the log says. */
  cut: number;
}

export class OrderLoad {
  readonly counts: LoadCounts = { stored: 0, refused: 0, failed: 0, cut: 0 };
  private base: string | undefined;
  private waiting: Array<() => void> = [];
  private stopping = false;
  private readonly workers: Promise<void>[];

  constructor(concurrency: number, runId: string) {
    this.workers = Array.from({ length: concurrency }, (_, worker) => this.work(`${runId}-w${worker}`));
  }

  /** Sends traffic to this service from now on. */
  serve(base: string): void {
    this.base = base;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The service is gone: workers wait for the next one. */
  pause(): void {
    this.base = undefined;
  }

  /** Lets in-flight requests finish, starts nothing new. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(this.workers);
  }

  private async target(): Promise<string | undefined> {
    while (!this.stopping && this.base === undefined) await new Promise<void>((wake) => this.waiting.push(wake));
    return this.stopping ? undefined : this.base;
  }

  private async work(worker: string): Promise<void> {
    for (let n = 1; ; n++) {
      for (const [path, body] of orderLife(`${worker}-o${n}`)) {
        const base = await this.target();
        if (base === undefined) return;
        const outcome = await this.post(base, path, body);
        if (outcome === 'cut' || (outcome === 'refused' && path === '/orders')) break;
      }
    }
  }

  private async post(base: string, path: string, body: object): Promise<'stored' | 'refused' | 'failed' | 'cut'> {
    let status: number;
    try {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      this.counts.cut += 1;
      return 'cut';
    }
    const outcome = status < 300 ? 'stored' : status < 500 ? 'refused' : 'failed';
    this.counts[outcome] += 1;
    return outcome;
  }
}
