import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { threeLineWebOrder } from '../../test/order/api/order-requests';

/** The contract from the source tree; this file runs from dist/bench/commands. */
const ORDER_PROTO = resolve(__dirname, '..', '..', '..', 'proto', 'ledgerbridge', 'order', 'v1', 'order.proto');

export interface GrpcLoad {
  okPerSec: number;
  ok: number;
  failed: number;
}

/** `inFlight` callers, each placing one order after another until `seconds` have passed. */
export async function placeOrdersOverGrpc(target: string, nextId: () => string, options: { inFlight: number; seconds: number }): Promise<GrpcLoad> {
  const definition = protoLoader.loadSync(ORDER_PROTO, { keepCase: true, longs: String, defaults: true });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const client = new proto.ledgerbridge.order.v1.Orders(target, grpc.credentials.createInsecure());
  const place = (request: object) => new Promise<boolean>((done) => client.PlaceOrder(request, (error: grpc.ServiceError | null) => done(error === null)));
  let ok = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(options.seconds * 1e9);
  const caller = async () => {
    while (process.hrtime.bigint() < deadline) {
      if (await place(threeLineWebOrder(nextId()))) ok += 1;
      else failed += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.inFlight }, caller));
  } finally {
    client.close();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { okPerSec: ok / seconds, ok, failed };
}
