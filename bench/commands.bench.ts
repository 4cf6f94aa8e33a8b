import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tempDir } from '../test/support/temp-dir';
import { startAppProcess } from './commands/app-process';
import { orderIds } from './commands/bench-order';
import { placeOrdersOverGrpc } from './commands/grpc-load';
import { callHealthOverHttp, placeOrdersOverHttp } from './commands/http-load';
import { drainBackOffice } from './commands/back-office-drain';
import { cpuMsPer, threadCpu } from './support/thread-cpu';

const DEFAULT_SECONDS = 10;
const WARM_UP_SECONDS = 2;
/** Concurrent requests: HTTP connections (autocannon) and gRPC calls in flight. */
const CONCURRENCY = 50;

function options(args: string[]): { seconds: number; cpuProfDir: string | undefined } {
  const { values } = parseArgs({ args, options: { seconds: { type: 'string', default: String(DEFAULT_SECONDS) }, 'cpu-prof': { type: 'string' } } });
  const seconds = Number(values.seconds);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--seconds must be an integer >= 1, got "${values.seconds}"`);
  return { seconds, cpuProfDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']) };
}

/**
 * Orders placed per second over HTTP and gRPC against the real app on 127.0.0.1 (embedded
 * store, durable appends), next to GET /health of the same app in the same run. Each order is
 * a new 3-line order, so each request appends one OrderPlaced to a new stream. Right after the
 * HTTP orders: how far the read side and the sagas are behind, and how long they take to catch up
 * (before the next phase, so /health is measured on an app that is not still working off that backlog).
 * While the HTTP orders are placed, the CPU each of the app's threads and the load generator spend per order
 * (`cpuMsPerOrder`: where an order's cost goes, on a machine both share).
 * `--seconds N` per phase (default 10); `--cpu-prof <dir>`: the app writes a CPU profile of each
 * of its threads there when it stops (node --cpu-prof; the main thread's file has thread id 0,
 * CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile).
 */
export async function commandsBench(args: string[] = []): Promise<void> {
  const { seconds, cpuProfDir } = options(args);
  const dir = tempDir('bench-commands');
  const app = await startAppProcess(dir.path, {}, cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`]);
  try {
    const load = { connections: CONCURRENCY, seconds };
    console.log(`commands: app on ${app.base} (gRPC ${app.grpcTarget}), embedded store in ${dir.path}, ${CONCURRENCY} concurrent, ${seconds} s per phase`);
    await placeOrdersOverHttp(app.base, orderIds('warm'), { ...load, seconds: WARM_UP_SECONDS });

    const [cpuBefore, loadGeneratorBefore] = [threadCpu(app.pid), process.cpuUsage()];
    const http = await placeOrdersOverHttp(app.base, orderIds('http'), load);
    const loadEnd = process.hrtime.bigint();
    const loadGenerator = process.cpuUsage(loadGeneratorBefore);
    const cpuMsPerOrder = cpuMsPer(http.ok, cpuBefore, threadCpu(app.pid), (loadGenerator.user + loadGenerator.system) / 1e6);
    console.log(`HTTP POST /orders: ${http.ok} placed (${http.failed} failed) -> ${Math.round(http.okPerSec)} orders/s, p99 ${http.p99Ms} ms`);
    console.log(
      `CPU per order placed, ms, while placing (the back office's share is what it did meanwhile): ${Object.entries(cpuMsPerOrder)
        .map(([thread, ms]) => `${thread} ${ms}`)
        .join(', ')}`,
    );
    const drain = await drainBackOffice(app.base, loadEnd);
    const caughtUp = (seconds: number | null) => (seconds === null ? `not caught up within the limit: ${drain.behindAtLimit.join(', ')}` : `caught up ${seconds} s after the load`);
    console.log(`read side: ${drain.lagCapped ? 'at least ' : ''}${drain.lagAfterLoadEvents} events behind when the load stopped, ${caughtUp(drain.drainSeconds)}`);
    console.log(
      `sagas: ${drain.sagaLagCapped ? 'at least ' : ''}${drain.sagaLagAfterLoadEvents} events behind when the load stopped; the whole back office ${caughtUp(drain.sagasDrainSeconds)}`,
    );
    const trivial = await callHealthOverHttp(app.base, load);
    console.log(`HTTP GET /health: ${trivial.ok} ok (${trivial.failed} failed) -> ${Math.round(trivial.okPerSec)} req/s, p99 ${trivial.p99Ms} ms`);
    const grpc = await placeOrdersOverGrpc(app.grpcTarget, orderIds('grpc'), { inFlight: CONCURRENCY, seconds });
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
        sagaLagAfterLoadEvents: drain.sagaLagAfterLoadEvents,
        sagasDrainSeconds: drain.sagasDrainSeconds,
        cpuMsPerOrder,
      }),
    );
  } finally {
    await app.stop();
    dir.remove();
  }
}
