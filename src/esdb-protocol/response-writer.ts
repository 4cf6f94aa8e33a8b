import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * Writes a Read call's responses at the reader's pace: when the stream's buffer is full
 * (`write()` returns false) the next write waits for 'drain', so a slow reader holds back the
 * store reads instead of growing memory. `signal` fires when the call ends early (the client
 * cancelled, or the server is closing); writes then become no-ops and pumps stop.
 */
export class ResponseWriter {
  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    readonly signal: AbortSignal,
  ) {}

  get stopped(): boolean {
    return this.signal.aborted;
  }

  async write(message: ReadResp): Promise<void> {
    if (this.stopped || this.call.write(message)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.call.on('drain', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }
}
