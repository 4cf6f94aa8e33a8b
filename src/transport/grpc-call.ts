import { Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Response metadata of an answer that waited as its caller asked: the seconds given (the gRPC form of HTTP's Preference-Applied: wait=N). */
export const WAIT_APPLIED = 'wait-applied';

/** What a unary gRPC handler may learn of its own call, and tell its client besides the answer. */
export interface GrpcCall {
  /** Aborts when the client cancels the call or its connection goes (and once it is answered); made on first use. */
  cancelled(): AbortSignal;
  /** Milliseconds before the caller's deadline; Infinity when it set none. */
  msBeforeDeadline(): number;
  /** Response metadata sent ahead of the answer (at most once per call). */
  sendMetadata(entries: Record<string, string>): void;
}

/** Handler parameter: `@GrpcCallOf() call: GrpcCall` on a unary `@GrpcMethod`. */
export const GrpcCallOf = createParamDecorator((_: unknown, context: ExecutionContext): GrpcCall => grpcCall(context.getArgByIndex<ServerUnaryCall<unknown, unknown>>(2)));

function grpcCall(call: ServerUnaryCall<unknown, unknown>): GrpcCall {
  let signal: AbortSignal | undefined;
  return {
    cancelled() {
      if (signal) return signal;
      const cancelled = new AbortController();
      if (call.cancelled) cancelled.abort();
      else call.once('cancelled', () => cancelled.abort());
      return (signal = cancelled.signal);
    },
    msBeforeDeadline() {
      const deadline = call.getDeadline();
      return (deadline instanceof Date ? deadline.getTime() : deadline) - Date.now();
    },
    sendMetadata(entries) {
      const metadata = new Metadata();
      for (const [name, value] of Object.entries(entries)) metadata.set(name, value);
      call.sendMetadata(metadata);
    },
  };
}
