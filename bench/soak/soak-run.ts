import { setTimeout as sleep } from 'node:timers/promises';
import type { JsonClient } from '../journeys/over-http';
import { journeyOrder } from '../journeys/order-journey';

/** A capture the saga has not recorded by then fails the order. */
const CAPTURE_WAIT_LIMIT_MS = 60_000;

/** Where a soak stands when it reaches a checkpoint. */
export interface SoakProgress {
  /** Orders completed (placed, authorized, captured by the saga, shipped). */
  orders: number;
  /** Orders that failed (a refused or failed request, a capture never seen). */
  failed: number;
  /** Error counts by kind (status and code, or the error's name and start of message). */
  failures: Record<string, number>;
}

export interface SoakRunOptions {
  orders: number;
  concurrency: number;
  pollMs: number;
  /** Called as the count of completed orders reaches each multiple of `every`; the workers go on meanwhile. */
  every: number;
  checkpoint(progress: SoakProgress): Promise<void>;
}

/**
 * `concurrency` workers, each taking the next order of the order-journey workload and sending
 * its requests one after another, each with its own Idempotency-Key as a channel sends them:
 * place, authorize, wait until the fulfillment saga's capture shows on the order (GET
 * /orders/:id every `pollMs`), confirm the shipment (which completes the saga instance).
 * Resolves once every order has been tried and every checkpoint reported.
 */
export async function runSoak(client: JsonClient, options: SoakRunOptions): Promise<SoakProgress> {
  const failures = new Map<string, number>();
  let next = 0;
  let orders = 0;
  let failed = 0;
  const checkpoints: Promise<void>[] = [];
  const progress = (): SoakProgress => ({ orders, failed, failures: Object.fromEntries(failures) });

  const post = (path: string, body: object, key: string) => client.send(201, 'POST', path, body, { 'idempotency-key': key });
  const untilCaptured = async (orderId: string, totalMinor: number) => {
    const start = performance.now();
    for (;;) {
      await sleep(options.pollMs);
      const order = await client.send(200, 'GET', `/orders/${orderId}`);
      if (order.capturedMinor >= totalMinor) return;
      if (performance.now() - start > CAPTURE_WAIT_LIMIT_MS) throw new Error(`the saga did not capture ${orderId} within ${CAPTURE_WAIT_LIMIT_MS} ms`);
    }
  };
  const journey = async (i: number) => {
    const order = journeyOrder('soak', i);
    await post('/orders', order.place, `${order.orderId}/place`);
    await post(`/orders/${order.orderId}/authorizations`, order.authorize, `${order.orderId}/authorize`);
    await untilCaptured(order.orderId, order.totalMinor);
    await post(`/orders/${order.orderId}/shipments`, order.ship, `${order.orderId}/ship`);
  };
  const worker = async () => {
    while (next < options.orders) {
      const i = next++;
      try {
        await journey(i);
        orders += 1;
        if (orders % options.every === 0) {
          const checkpoint = options.checkpoint(progress());
          // Awaited at the end; until then its failure must not end the process as unhandled.
          checkpoint.catch(() => undefined);
          checkpoints.push(checkpoint);
        }
      } catch (error) {
        failed += 1;
        const kind = failureKind(error);
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await Promise.all(checkpoints);
  return progress();
}

function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 80);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : error.name}: ${error.message.slice(0, 80)}`;
}
