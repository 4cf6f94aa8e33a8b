import autocannon from 'autocannon';
import { threeLineWebOrder } from '../../test/order/api/order-requests';

export interface HttpLoad {
  okPerSec: number;
  p99Ms: number;
  ok: number;
  failed: number;
}

interface LoadOptions {
  connections: number;
  seconds: number;
}

function summarise(result: autocannon.Result): HttpLoad {
  return { okPerSec: result['2xx'] / result.duration, p99Ms: result.latency.p99, ok: result['2xx'], failed: result.non2xx + result.errors };
}

/** POST /orders, a new order id on every request. Only 201s count as orders placed. */
export async function placeOrdersOverHttp(base: string, nextId: () => string, options: LoadOptions): Promise<HttpLoad> {
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(threeLineWebOrder(nextId())) }),
      },
    ],
  });
  return summarise(result);
}

/** GET /health: the same app's floor, through the same edge (guard, interceptors, logging). */
export async function callHealthOverHttp(base: string, options: LoadOptions): Promise<HttpLoad> {
  return summarise(await autocannon({ url: `${base}/health`, connections: options.connections, duration: options.seconds }));
}
