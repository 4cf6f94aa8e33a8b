import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';

const PROTO_ROOT = resolve(__dirname, '..', '..', '..', 'proto');

/** Calls grpc.health.v1.Health/Check the way a stock health probe would. */
export async function grpcHealthCheck(port: number, service = ''): Promise<string> {
  const definition = protoLoader.loadSync('grpc/health/v1/health.proto', { includeDirs: [PROTO_ROOT], enums: String });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const client = new proto.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    return await new Promise<string>((resolvePromise, reject) =>
      client.Check({ service }, (error: Error | null, response: { status: string }) =>
        error ? reject(error) : resolvePromise(response.status),
      ),
    );
  } finally {
    client.close();
  }
}
