import Database from 'better-sqlite3';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { AT, workedExampleOrder } from '../../order/api/order-requests';
import { call } from '../../support/edge-app';
import { callOnce, type GrpcAnswer, GRPC_SERVICES } from '../../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';

export const AUDIT_KEYS = TEST_KEYS;

export type AuditApp = TestApp;

/** The real service on 127.0.0.1 (projections running, sagas off so only the commands sent here happen). */
export function startAuditApp(dataDir: string): Promise<AuditApp> {
  return startTestApp({
    dataDir,
    keys: TEST_CALLERS,
    env: GENEROUS_RATE_LIMIT,
  });
}

async function postAs(app: AuditApp, key: string, path: string, body: unknown): Promise<void> {
  const answer = await call(app.base, 'POST', path, { key, body });
  if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/**
 * DESIGN.md's worked example sent over HTTP as a channel sends it: placed, authorized,
 * captured, shipped, one tee returned and refunded. Resolves once the journal has projected it all.
 */
export async function sendWorkedExample(app: AuditApp, orderId: string): Promise<void> {
  const post = (path: string, body: unknown) => postAs(app, AUDIT_KEYS.web, path, body);
  await post('/orders', workedExampleOrder(orderId));
  await post(`/orders/${orderId}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT });
  await post(`/orders/${orderId}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT });
  await post(`/orders/${orderId}/shipments`, {
    shipmentId: 's1',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    shippedAt: AT,
  });
  await post(`/orders/${orderId}/returns`, { returnId: 'r1', lines: [{ lineId: 'L1', quantity: 1 }], at: '2026-12-02T09:00:00Z' });
  await post(`/orders/${orderId}/returns/r1/receipt`, { at: '2026-12-03T09:00:00Z' });
  await post(`/orders/${orderId}/refunds`, { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: '2026-12-03T10:00:00Z', returnId: 'r1' });
  await journalCaughtUp(app);
}

/** The provider pays out the order's capture less its 2.9% + 0.30 fee: one charge, reconciled. */
export async function sendPayout(app: AuditApp, orderId: string, payoutId: string): Promise<void> {
  await postAs(app, AUDIT_KEYS.settlements, '/settlements', {
    provider: 'stripe',
    payoutId,
    companyCode: 'US01',
    currency: 'USD',
    payoutAmount: 10184,
    payoutDate: '2026-11-30',
    transactions: [{ id: `txn-${orderId}`, type: 'charge', currency: 'USD', amount: 10519, fee: 335, net: 10184, source: { orderId, captureId: 'cap-1' } }],
  });
  await journalCaughtUp(app);
}

/** README's register sale: two lines, part card, part cash. Placed as order `pos-S001-R02-<transactionId>`. */
export async function sendPosSale(app: AuditApp, transactionId: string): Promise<void> {
  await postAs(app, AUDIT_KEYS.pos, '/channels/pos/transactions', {
    channel: 'pos',
    transactionId,
    storeId: 'S001',
    registerId: 'R02',
    companyCode: 'US01',
    currency: 'USD',
    completedAt: '2026-11-27T15:04:05Z',
    lines: [
      { lineNo: '1', sku: 'TEE', quantity: 2, unitPriceMinor: 3000, tax: { rate: '8%', amountMinor: 434 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 571 }] },
      {
        lineNo: '2',
        sku: 'HOODIE',
        quantity: 1,
        unitPriceMinor: 4500,
        taxIncluded: false,
        tax: { rate: '8%', amountMinor: 286 },
        discounts: [
          { promotionId: 'SAVE10', amountMinor: 429 },
          { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' },
        ],
      },
    ],
    tenders: [
      { kind: 'card', amountMinor: 5000, reference: 'AUTH123' },
      { kind: 'cash', amountMinor: 4720 },
    ],
    totalMinor: 9720,
  });
  await journalCaughtUp(app);
}

/**
 * The worked example's entries fall on three posting dates: capture and shipment (11-28), the
 * payout (11-30), the return and refund (12-03). Closing them in that order makes a chain of three.
 */
export const WORKED_EXAMPLE_DATES = ['2026-11-28', '2026-11-30', '2026-12-03'];

/** Closes US01's open entries of each day, in order, as an operator does; resolves with the batch ids. */
export async function closeBatches(app: AuditApp, dates: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const postingDate of dates) {
    const answer = await call(app.base, 'POST', '/posting-batches/closes', { key: AUDIT_KEYS.ops, body: { companyCode: 'US01', postingDate } });
    if (answer.status !== 201) throw new Error(`close ${postingDate}: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(answer.body.batchId);
  }
  return ids;
}

/**
 * Rewrites a recorded event's data in the store file behind the store's back, as someone with
 * the file could: the tampering an auditor's tools must catch.
 */
export function tamperEventData(eventsFile: string, streamId: string, revision: number, change: (data: any) => void): void {
  const db = new Database(eventsFile);
  try {
    const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision) as { data: string };
    const data = JSON.parse(row.data);
    change(data);
    db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(JSON.stringify(data), streamId, revision);
  } finally {
    db.close();
  }
}

export async function journalCaughtUp(app: AuditApp): Promise<void> {
  const [last] = await app.store.readAll({ direction: 'backwards', maxCount: 1 });
  await app.app.get(ProjectionHost).waitFor('journal', last.globalPosition);
}

/** An /audit route with the auditor's key (or another). */
export function audit(app: AuditApp, path: string, key: string = AUDIT_KEYS.audit) {
  return call(app.base, 'GET', `/audit${path}`, { key });
}

/** `ledgerbridge.audit.v1.Audit` as a client loads it from the .proto; never throws. */
export function callAudit(app: AuditApp, method: string, request: object, key: string = AUDIT_KEYS.audit): Promise<GrpcAnswer> {
  return callOnce(app.grpcPort, GRPC_SERVICES.audit, method, request, key);
}
