import { tempDir } from '../test/support/temp-dir';
import { startAppProcess } from './commands/app-process';
import { orderIds } from './commands/bench-order';
import { placeOrdersOverGrpc } from './commands/grpc-load';
import { callHealthOverHttp, placeOrdersOverHttp } from './commands/http-load';
import { drainReadSide } from './commands/read-side-lag';

const SECONDS = 10;
const WARM_UP_SECONDS = 2;
/** Concurrent requests: HTTP connections (autocannon) and gRPC calls in flight. */
const CONCURRENCY = 50;

/**
 * Orders placed per second over HTTP and gRPC against the real app on 127.0.0.1 (embedded
 * store, durable appends), next to GET /health of the same app in the same run. Each order is
 * a new 3-line order, so each request appends one OrderPlaced to a new stream. Right after the
 * HTTP orders: how far the read side is behind, and how long it takes to catch up (before the
 * next phase, so /health is measured on an app that is not still projecting that backlog).
 */
export async function commandsBench(): Promise<void> {
  const dir = tempDir('bench-commands');
  const app = await startAppProcess(dir.path);
  try {
    const load = { connections: CONCURRENCY, seconds: SECONDS };
    console.log(`commands: app on ${app.base} (gRPC ${app.grpcTarget}), embedded store in ${dir.path}, ${CONCURRENCY} concurrent, ${SECONDS} s per phase`);
    await placeOrdersOverHttp(app.base, orderIds('warm'), { ...load, seconds: WARM_UP_SECONDS });

    const http = await placeOrdersOverHttp(app.base, orderIds('http'), load);
    const loadEnd = process.hrtime.bigint();
    console.log(`HTTP POST /orders: ${http.ok} placed (${http.failed} failed) -> ${Math.round(http.okPerSec)} orders/s, p99 ${http.p99Ms} ms`);
    const drain = await drainReadSide(app.base, loadEnd);
    const drained = drain.drainSeconds === null ? `not caught up within the limit: ${drain.behindAtLimit.join(', ')}` : `caught up ${drain.drainSeconds} s after the load`;
    console.log(`read side: ${drain.lagCapped ? 'at least ' : ''}${drain.lagAfterLoadEvents} events behind when the load stopped, ${drained}`);
    const trivial = await callHealthOverHttp(app.base, load);
    console.log(`HTTP GET /health: ${trivial.ok} ok (${trivial.failed} failed) -> ${Math.round(trivial.okPerSec)} req/s, p99 ${trivial.p99Ms} ms`);
    const grpc = await placeOrdersOverGrpc(app.grpcTarget, orderIds('grpc'), { inFlight: CONCURRENCY, seconds: SECONDS });
    console.log(`gRPC PlaceOrder: ${grpc.ok} placed (${grpc.failed} failed) -> ${Math.round(grpc.okPerSec)} orders/s`);

    console.log(
      JSON.stringify({
        bench: 'commands',
        httpOrdersPerSec: Math.round(http.okPerSec),
        httpTrivialPerSec: Math.round(trivial.okPerSec),
        grpcOrdersPerSec: Math.round(grpc.okPerSec),
        p99Ms: http.p99Ms,
        lagAfterLoadEvents: drain.lagAfterLoadEvents,
        drainSeconds: drain.drainSeconds,
      }),
    );
  } finally {
    await app.stop();
    dir.remove();
  }
}
