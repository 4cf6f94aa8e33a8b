import { status as GrpcStatus } from '@grpc/grpc-js';

/** One invalid input field: its path as the client wrote it (`lines[2].quantity`) and why. */
export interface FieldError {
  path: string;
  reason: string;
}

/**
 * What a client is told about a failed request, independent of transport. HTTP sends it as
 * the JSON body under `error`; gRPC as the status code, message and metadata.
 */
export interface ApiError {
  status: number;
  grpcCode: GrpcStatus;
  /** Stable, machine-readable reason (`VALIDATION_FAILED`, a business refusal code, ...). */
  code: string;
  message: string;
  fields?: FieldError[];
  details?: Record<string, unknown>;
  /** Set on 429 / RESOURCE_EXHAUSTED: when the client may try again. */
  retryAfterMs?: number;
}

/** The JSON body of every HTTP error response. */
export interface ApiErrorBody {
  error: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    correlationId: string;
  };
}

export function errorBody(error: ApiError, correlationId: string): ApiErrorBody {
  const { status, code, message, fields, details } = error;
  return { error: { status, code, message, ...(fields && { fields }), ...(details && { details }), correlationId } };
}
