import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { loadConfig } from '../../src/config/app-config';
import { grpcOptions } from '../../src/transport/grpc-options';

/** One method the server serves, as found in the protos the server itself loads. */
export interface ServedGrpcMethod {
  /** `package.Service/Method`, for messages. */
  name: string;
  definition: grpc.MethodDefinition<object, unknown>;
}

/**
 * Every method of every service in the protos `grpcOptions` hands the server, so a test over
 * "every method" cannot miss one added later.
 */
export function servedGrpcMethods(): ServedGrpcMethod[] {
  const definition = servedGrpcDefinition();
  const methods: ServedGrpcMethod[] = [];
  for (const [serviceName, entry] of Object.entries(definition)) {
    if ('format' in entry) continue; // a message or enum type, not a service
    for (const [methodName, method] of Object.entries(entry as grpc.ServiceDefinition)) {
      methods.push({ name: `${serviceName}/${methodName}`, definition: method as grpc.MethodDefinition<object, unknown> });
    }
  }
  return methods;
}

/** The protos the server loads, loaded as the server loads them (services, messages and enums by full name). */
export function servedGrpcDefinition(): protoLoader.PackageDefinition {
  const { options } = grpcOptions(loadConfig({}));
  return protoLoader.loadSync(options.protoPath!, options.loader);
}

export interface RawGrpcAnswer {
  error?: grpc.ServiceError;
  response?: unknown;
}

/**
 * One unary call by path on a generic client: `request` is either a message (encoded by the
 * method's own serializer) or raw bytes sent as they are. Never throws.
 */
export function callServed(
  client: grpc.Client,
  method: ServedGrpcMethod,
  request: object | Buffer,
  metadata = new grpc.Metadata(),
  options: grpc.CallOptions = {},
): Promise<RawGrpcAnswer> {
  const serialize = Buffer.isBuffer(request) ? (bytes: Buffer) => bytes : method.definition.requestSerialize;
  return new Promise((done) => {
    client.makeUnaryRequest(
      method.definition.path,
      serialize as (value: object | Buffer) => Buffer,
      method.definition.responseDeserialize,
      request,
      metadata,
      options,
      (error, response) => done(error ? { error } : { response }),
    );
  });
}
