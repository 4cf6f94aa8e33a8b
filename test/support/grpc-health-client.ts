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
      client.Check({ service }, (error: Error | null, response: { status: string }) => (error ? reject(error) : resolvePromise(response.status))),
    );
  } finally {
    client.close();
  }
}

/** grpc.health.v1.Health/Watch as a stock client opens it: every status it is sent, until cancelled. */
export function watchHealth(port: number, service = ''): { statuses: string[]; next(count: number): Promise<void>; cancel(): void } {
  const definition = protoLoader.loadSync('grpc/health/v1/health.proto', { includeDirs: [PROTO_ROOT], enums: String });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const client = new proto.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const stream = client.Watch({ service });
  const statuses: string[] = [];
  const waiters: Array<() => void> = [];
  stream.on('data', (message: { status: string }) => {
    statuses.push(message.status);
    for (const wake of waiters.splice(0)) wake();
  });
  stream.on('error', () => undefined);
  return {
    statuses,
    next: async (count) => {
      const deadline = Date.now() + 10_000;
      while (statuses.length < count) {
        if (Date.now() > deadline) throw new Error(`${count} statuses expected, got ${statuses.join(', ')}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 100);
        });
      }
    },
    cancel: () => {
      stream.cancel();
      client.close();
    },
  };
}
