import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** One ServerReflectionInfo exchange, as grpcurl makes it: the request and the server's first answer. */
export async function askReflection(port: number, request: object, version: 'v1' | 'v1alpha' = 'v1'): Promise<any> {
  const definition = protoLoader.loadSync(require.resolve(`@grpc/reflection/build/proto/grpc/reflection/${version}/reflection.proto`), { keepCase: true });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const client = new proto.grpc.reflection[version].ServerReflection(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) => {
      const stream = client.ServerReflectionInfo();
      stream.on('data', (response: unknown) => {
        resolve(response);
        stream.end();
      });
      stream.on('error', reject);
      stream.write(request);
    });
  } finally {
    client.close();
  }
}
