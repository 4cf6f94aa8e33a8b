import { Metadata, status } from '@grpc/grpc-js';
import { EventStoreUnavailableError, InvalidAppendError } from '../event-store/event-store.errors';

/**
 * A gRPC status with EventStoreDB's trailers. The client turns the `exception` trailer into
 * its typed errors (AccessDeniedError, MaxAppendSizeExceededError, ...), so the keys and
 * values below are EventStoreDB's own (RpcExceptions in its gRPC transport).
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: status,
    readonly details: string,
    readonly metadata: Metadata = new Metadata(),
  ) {
    super(details);
  }
}

function withTrailers(code: status, details: string, trailers: Record<string, string>): ProtocolError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return new ProtocolError(code, details, metadata);
}

export function invalidArgument(message: string): ProtocolError {
  return new ProtocolError(status.INVALID_ARGUMENT, message);
}

export function accessDenied(reason: string): ProtocolError {
  return withTrailers(status.PERMISSION_DENIED, `Access Denied: ${reason}`, { exception: 'access-denied' });
}

export function maximumAppendSizeExceeded(maxAppendSize: number): ProtocolError {
  return withTrailers(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

/** EventStoreDB lists every required property in the trailer, whichever one was missing. */
export function requiredMetadataPropertyMissing(property: string): ProtocolError {
  return withTrailers(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });
}

export function unavailable(message: string): ProtocolError {
  return new ProtocolError(status.UNAVAILABLE, message);
}

/** Maps what the store throws onto a status; unexpected failures become INTERNAL with their message. */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof InvalidAppendError) return invalidArgument(error.message);
  if (error instanceof EventStoreUnavailableError) return unavailable(error.message);
  return new ProtocolError(status.INTERNAL, `event store failure: ${(error as Error)?.message ?? String(error)}`);
}
