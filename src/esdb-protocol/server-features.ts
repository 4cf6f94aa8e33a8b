import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';

/**
 * The EventStoreDB release whose client-visible Streams behaviour this endpoint follows
 * (positions on stream reads, `caught_up` on subscriptions). Clients only log it; the .NET
 * client parses it, so it must look like a version.
 */
const EMULATED_SERVER_VERSION = '24.10.0';

/**
 * `ServerFeatures.GetSupportedMethods`, listed the way EventStoreDB lists its own (lower-case
 * names, the `position`/`events` read features). Batch append is left out, so clients append
 * with `Streams.Append`.
 */
export function supportedMethodsHandler() {
  const methods = new SupportedMethods()
    .setEventStoreServerVersion(EMULATED_SERVER_VERSION)
    .setMethodsList([
      method('event_store.client.streams.streams', 'read', ['position', 'events']),
      method('event_store.client.streams.streams', 'append', []),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods', []),
    ]);
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    callback(null, methods);
  };
}

function method(serviceName: string, methodName: string, features: string[]): SupportedMethod {
  return new SupportedMethod().setServiceName(serviceName).setMethodName(methodName).setFeaturesList(features);
}
