import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';
import { freePort } from '../test/support/free-port';
import { tempDir } from '../test/support/temp-dir';
import type { ClientMessage } from './limits/limits-client';

/**
 * How long the largest input each documented bound allows (README "Limits") holds the server's
 * event loop, and how long inputs far over the bounds do before they are refused: the app on
 * this thread (embedded store, no keys, 127.0.0.1), the client on a worker thread, and
 * monitorEventLoopDelay over each request from just before it is sent until 250 ms after its
 * answer. Target: at most 50 ms per request.
 */
export async function limitsBench(): Promise<void> {
  const dir = tempDir('bench-limits');
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', GRPC_PORT: String(await freePort()), DATA_DIR: dir.path, LOG_LEVEL: 'warn', NODE_ENV: 'development' });
  const app = await startApp(config);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const results: Array<{ name: string; status: string; maxLoopDelayMs: number }> = [];
  try {
    const worker = new Worker(resolve(__dirname, 'limits', 'limits-client.js'), { workerData: { base: await app.getUrl(), grpcPort: config.GRPC_PORT } });
    await new Promise<void>((done, fail) => {
      worker.on('message', (message: ClientMessage) => {
        if (message.kind === 'before') {
          delay.disable();
          delay.reset();
          delay.enable();
        } else {
          const maxLoopDelayMs = Math.round(delay.max / 1e6);
          const surprise = message.accepted === message.expected ? '' : ` (expected ${message.expected ? 'accepted' : 'refused'})`;
          console.log(`limits: ${message.name}: ${message.status}${surprise}, event loop held up to ${maxLoopDelayMs} ms`);
          results.push({ name: message.name, status: message.status!, maxLoopDelayMs });
        }
        worker.postMessage('next');
      });
      worker.on('error', fail);
      worker.on('exit', () => done());
    });
  } finally {
    delay.disable();
    await app.close();
    dir.remove();
  }
  console.log(JSON.stringify({ bench: 'limits', maxLoopDelayMs: Math.max(...results.map((r) => r.maxLoopDelayMs)), requests: results }));
}
