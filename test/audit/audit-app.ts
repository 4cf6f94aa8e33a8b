import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { ProjectionHost } from '../../src/projections-host/projection-host';
import { AT, workedExampleOrder } from '../order/api/order-requests';
import { call, type GrpcAnswer } from '../support/edge-app';
import { ORDER_KEYS, type OrderApp } from '../support/order-app';

const AUDIT_PROTO = resolve(__dirname, '..', '..', '..', 'proto', 'ledgerbridge', 'audit', 'v1', 'audit.proto');

/**
 * DESIGN.md's worked example sent over HTTP as a channel sends it: placed, authorized,
 * captured, shipped, one tee returned and refunded. Resolves once the journal has projected it all.
 */
export async function sendWorkedExample(app: OrderApp, orderId: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const answer = await call(app.base, 'POST', path, { key: ORDER_KEYS.web, body });
    if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  await post('/orders', workedExampleOrder(orderId));
  await post(`/orders/${orderId}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT });
  await post(`/orders/${orderId}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT });
  await post(`/orders/${orderId}/shipments`, { shipmentId: 's1', lines: [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }], shippedAt: AT });
  await post(`/orders/${orderId}/returns`, { returnId: 'r1', lines: [{ lineId: 'L1', quantity: 1 }], at: '2026-12-02T09:00:00Z' });
  await post(`/orders/${orderId}/returns/r1/receipt`, { at: '2026-12-03T09:00:00Z' });
  await post(`/orders/${orderId}/refunds`, { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: '2026-12-03T10:00:00Z', returnId: 'r1' });
  await journalCaughtUp(app);
}

export async function journalCaughtUp(app: OrderApp): Promise<void> {
  const [last] = await app.store.readAll({ direction: 'backwards', maxCount: 1 });
  await app.app.get(ProjectionHost).runner('journal')!.waitFor(last.globalPosition);
}

/** An /audit route with the auditor's key (or another). */
export function audit(app: OrderApp, path: string, key: string = ORDER_KEYS.audit) {
  return call(app.base, 'GET', `/audit${path}`, { key });
}

/** `ledgerbridge.audit.v1.Audit` as a client loads it from the .proto; never throws. */
export async function callAudit(app: OrderApp, method: string, request: object, key: string = ORDER_KEYS.audit): Promise<GrpcAnswer> {
  const definition = protoLoader.loadSync(AUDIT_PROTO, { keepCase: true, longs: String, defaults: true });
  const Audit = (grpc.loadPackageDefinition(definition) as any).ledgerbridge.audit.v1.Audit;
  const client = new Audit(`127.0.0.1:${app.grpcPort}`, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${key}`);
  try {
    return await new Promise<GrpcAnswer>((done) => {
      client[method](request, md, (error: grpc.ServiceError | null, response: unknown) => done(error ? { error } : { response }));
    });
  } finally {
    client.close();
  }
}
