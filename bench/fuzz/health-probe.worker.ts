import { parentPort, workerData } from 'node:worker_threads';
import { startHealthProbe } from '../../test/fuzz/fuzz-run';

/**
 * The fuzz benchmark's `/health` probe on a thread of its own: on the bench's main thread its
 * answers waited behind the drawing of megabyte cases, and the bench's own pauses were counted as
 * the app's. Probes until told to stop, then answers with what it saw.
 */
const { base, intervalMs } = workerData as { base: string; intervalMs: number };
const probe = startHealthProbe(base, intervalMs);
parentPort!.once('message', () => {
  void probe.stop().then((seen) => parentPort!.postMessage(seen));
});
