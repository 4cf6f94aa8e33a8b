import { type Metadata, ResponderBuilder, ServerInterceptingCall, type ServerInterceptor, ServerListenerBuilder } from '@grpc/grpc-js';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { grpcError } from '../errors/edge-exception.filter';
import { toApiError } from '../errors/error-mapping';
import { ServiceStoppingError } from '../errors/service-stopping.error';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';

/** How long a shutdown waits for open calls to write their answers, so that a stuck one cannot hold it up. */
export const OPEN_CALLS_GRACE_MS = 2_000;

/**
 * The unary gRPC calls in progress, so that a shutdown closes the gRPC server only once they are
 * answered. Nest closes it by force (a graceful close would wait on every health Watch stream),
 * which cancels every call still open: a PlaceOrder being committed, or a GetOrder held for a
 * change, reached its client as CANCELLED, which clients do not send again, whatever became of
 * the call. So when the servers are about to close, new calls are refused UNAVAILABLE and the
 * open ones are waited for, a short grace at most. Held reads were woken on module destroy
 * (CommandDispatcher.stop), and answer as when their wait runs out. (HTTP needs none of this:
 * closing its server waits for answers.)
 */
@Injectable()
export class OpenGrpcCalls implements BeforeApplicationShutdown {
  private readonly open = new Set<Promise<void>>();
  private stopping = false;

  /** The grpc-js server interceptor that counts calls in and out and refuses them once stopping; after the one that logs calls, so a refusal is logged. */
  interceptor(): ServerInterceptor {
    return (descriptor, call) => {
      const over = this.stopping || descriptor.requestStream || descriptor.responseStream ? undefined : this.opened();
      const listener = new ServerListenerBuilder()
        .withOnReceiveMetadata((metadata, next) => {
          if (!this.stopping) return next(metadata);
          call.sendStatus(refusal(metadata));
          over?.();
        })
        .withOnCancel(() => over?.())
        .build();
      const responder = new ResponderBuilder()
        .withStart((next) => next(listener))
        .withSendStatus((status, next) => {
          next(status);
          over?.();
        })
        .build();
      return new ServerInterceptingCall(call, responder);
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.open.size === 0) return;
    const grace = new AbortController();
    await Promise.race([Promise.all(this.open).then(answersWritten), sleep(OPEN_CALLS_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined)]);
    grace.abort();
  }

  /** A call is open until its status is given or it is cancelled: the returned function says it is over. */
  private opened(): () => void {
    let end: () => void = () => undefined;
    const over = new Promise<void>((resolve) => (end = resolve)).then(() => {
      this.open.delete(over);
    });
    this.open.add(over);
    return end;
  }
}

/** UNAVAILABLE `STOPPING`, with the trailers of every other refusal, under the call's correlation id (settled by the interceptor before this one). */
function refusal(metadata: Metadata): ReturnType<typeof grpcError> {
  const caller = metadata.get(CORRELATION_HEADER)[0];
  return grpcError(toApiError(new ServiceStoppingError()), correlationIdFor({ [CORRELATION_HEADER]: typeof caller === 'string' ? caller : undefined }), false);
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
