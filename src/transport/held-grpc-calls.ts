import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { GrpcCall } from './grpc-call';

/** How long a shutdown waits for held calls to write their answers, so that a stuck one cannot hold it up. */
export const HELD_ANSWERS_GRACE_MS = 2_000;

/**
 * gRPC calls held open until something changes (GetOrder's waitSeconds). A shutdown wakes their
 * waits on module destroy, with HTTP's held reads (CommandDispatcher.stop), and each handler
 * answers as when its wait runs out; then Nest force-closes the gRPC server (a graceful close
 * would wait on every health Watch stream), which cancels every call still open. Between the
 * two, this waits until each held call's answer is written, so its client gets the answer
 * rather than CANCELLED. (HTTP needs none of this: closing its server waits for answers.)
 */
@Injectable()
export class HeldGrpcCalls implements BeforeApplicationShutdown {
  private readonly open = new Set<Promise<void>>();

  /** `call` is held: a shutdown lets its answer out before the server closes. */
  add(call: GrpcCall): void {
    const over: Promise<void> = call.over().then(() => {
      this.open.delete(over);
    });
    this.open.add(over);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.open.size === 0) return;
    const grace = new AbortController();
    await Promise.race([Promise.all(this.open).then(answersWritten), sleep(HELD_ANSWERS_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined)]);
    grace.abort();
  }
}

/**
 * grpc-js counts a call over once it has given its status to Node's HTTP/2 stream, which queues
 * it (the trailers) from a setImmediate and writes it to the socket on the loop's next turn; the
 * force close resets every stream still open, and trailers not yet queued are lost with it.
 */
async function answersWritten(): Promise<void> {
  await nextTurn();
  await nextTurn();
}
