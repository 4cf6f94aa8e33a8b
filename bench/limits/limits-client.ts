import { parentPort, workerData } from 'node:worker_threads';
import { GRPC_SERVICES, GrpcClient } from '../../test/support/grpc-client';
import { limitRequests } from './limit-requests';

/**
 * The limits bench's client, on a thread of its own so that building and sending the large
 * requests does not count against the server's event loop, which the main thread measures.
 */
export interface ClientMessage {
  kind: 'before' | 'after';
  name: string;
  status?: string;
  accepted?: boolean;
  expected?: boolean;
}

const { base, grpcPort } = workerData as { base: string; grpcPort: number };
const port = parentPort!;
const clients = {
  orders: new GrpcClient(grpcPort, GRPC_SERVICES.orders),
  promotions: new GrpcClient(grpcPort, GRPC_SERVICES.promotions),
  settlements: new GrpcClient(grpcPort, GRPC_SERVICES.settlements),
};
const next = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

async function run(): Promise<void> {
  for (const request of limitRequests()) {
    const body = request.http ? JSON.stringify(request.body) : undefined;
    port.postMessage({ kind: 'before', name: request.name } satisfies ClientMessage);
    await next();
    let status: string;
    if (request.http) {
      const response = await fetch(`${base}${request.http}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.text();
      status = String(response.status);
    } else {
      const { error } = await clients[request.grpc!.service].call(request.grpc!.method, request.body);
      status = error ? `gRPC ${error.code}` : 'gRPC OK';
    }
    const accepted = status === '201' || status === 'gRPC OK';
    // What the request set off after its answer (the append, the projections) counts too.
    await new Promise((resolve) => setTimeout(resolve, 250));
    port.postMessage({ kind: 'after', name: request.name, status, accepted, expected: request.accepted } satisfies ClientMessage);
    await next();
  }
  for (const client of Object.values(clients)) client.close();
}

run().then(
  () => port.close(),
  (error: unknown) => {
    throw error;
  },
);
