import { Root, type Type } from 'protobufjs';
import type { ApiError } from './api-error';

/**
 * The standard rich error model of gRPC (google.rpc.Status in the `grpc-status-details-bin`
 * trailer), which stock clients decode: googleapis' client libraries, grpc-gateway, Envoy,
 * `grpcurl`. The messages are described here by their field numbers, which is all the wire needs.
 */
const messages: Record<string, unknown> = {
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
            Duration: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
          },
        },
        rpc: {
          nested: {
            Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 }, details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 } } },
            ErrorInfo: { fields: { reason: { type: 'string', id: 1 }, domain: { type: 'string', id: 2 }, metadata: { keyType: 'string', type: 'string', id: 3 } } },
            BadRequest: {
              fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
              nested: { FieldViolation: { fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 }, reason: { type: 'string', id: 3 } } } },
            },
            RetryInfo: { fields: { retry_delay: { type: 'google.protobuf.Duration', id: 1 } } },
          },
        },
      },
    },
  },
};
const root = Root.fromJSON(messages);

const type = (name: string): Type => root.lookupType(name);
const STATUS = type('google.rpc.Status');

/** The trailer stock gRPC clients read the rich error model from. */
export const STATUS_DETAILS_METADATA = 'grpc-status-details-bin';

/** ErrorInfo's domain: the service that gave the reason. */
export const ERROR_DOMAIN = 'ledgerbridge';

function any(name: string, message: Record<string, unknown>): { type_url: string; value: Uint8Array } {
  const messageType = type(name);
  return { type_url: `type.googleapis.com/${name}`, value: messageType.encode(messageType.fromObject(message)).finish() };
}

/** ErrorInfo.metadata is string to string: details that are not text go as JSON. */
function metadataOf(error: ApiError, correlationId: string): Record<string, string> {
  const metadata: Record<string, string> = { correlationId };
  for (const [key, value] of Object.entries(error.details ?? {})) metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return metadata;
}

/**
 * google.rpc.Status for an answered error: its code and message, ErrorInfo with the reason code
 * (`VALIDATION_FAILED`, a refusal's code ...) and the details, BadRequest with each invalid field
 * and why, RetryInfo when the client may try again later.
 */
export function grpcStatusDetails(error: ApiError, message: string, correlationId: string): Buffer {
  const details = [
    any('google.rpc.ErrorInfo', { reason: error.code, domain: ERROR_DOMAIN, metadata: metadataOf(error, correlationId) }),
    ...(error.fields?.length ? [any('google.rpc.BadRequest', { field_violations: error.fields.map((field) => ({ field: field.path, description: field.reason })) })] : []),
    ...(error.retryAfterMs !== undefined
      ? [any('google.rpc.RetryInfo', { retry_delay: { seconds: Math.floor(error.retryAfterMs / 1000), nanos: (error.retryAfterMs % 1000) * 1_000_000 } })]
      : []),
  ];
  return Buffer.from(STATUS.encode(STATUS.fromObject({ code: error.grpcCode, message, details })).finish());
}
