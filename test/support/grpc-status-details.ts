import type * as grpc from '@grpc/grpc-js';
import { Root, type Type } from 'protobufjs';

/** google.rpc.Status and the error details a stock client knows, described here on their own (their field numbers are the contract). */
const root = Root.fromJSON({
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
              nested: { FieldViolation: { fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 } } } },
            },
            RetryInfo: { fields: { retry_delay: { type: 'google.protobuf.Duration', id: 1 } } },
          },
        },
      },
    },
  },
} as Parameters<typeof Root.fromJSON>[0]);

export interface DecodedStatus {
  code: number;
  message: string;
  /** Each detail by its type's full name, decoded. */
  details: Record<string, any>;
}

/** The google.rpc.Status an error's `grpc-status-details-bin` trailer holds, as a stock client decodes it; undefined without one. */
export function statusDetailsOf(error: grpc.ServiceError): DecodedStatus | undefined {
  const [bytes] = error.metadata.get('grpc-status-details-bin');
  if (!(bytes instanceof Buffer)) return undefined;
  const read = (name: string, value: Uint8Array) => {
    const type: Type = root.lookupType(name);
    return type.toObject(type.decode(value), { defaults: true, longs: Number });
  };
  const status = read('google.rpc.Status', bytes) as { code: number; message: string; details: Array<{ type_url: string; value: Uint8Array }> };
  const details: Record<string, any> = {};
  for (const detail of status.details) {
    const name = detail.type_url.replace(/^type\.googleapis\.com\//, '');
    details[name] = read(name, detail.value);
  }
  return { code: status.code, message: status.message, details };
}
