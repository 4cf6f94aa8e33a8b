import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { workedExampleSale } from '../../order/api/order-requests';
import { call, grpcErrorBody } from '../../support/edge-app';
import { GrpcClient, GRPC_SERVICES } from '../../support/grpc-client';
import { allEvents, ORDER_KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { tempDir } from '../../support/temp-dir';

/** `ledgerbridge.posting.v1.PostingBatches` as a client loads it from the .proto. */
const postingClient = (port: number) => new GrpcClient(port, GRPC_SERVICES.postingBatches);

describe('posting batches over HTTP and gRPC', () => {
  const dir = tempDir('posting-batches-api');
  let app: OrderApp;
  let grpcClient: ReturnType<typeof postingClient>;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const batches = async () => (await http('GET', '/posting-batches?companyCode=US01', ORDER_KEYS.finance)).body.batches as any[];

  /** A web order placed and captured over HTTP (one journal entry), optionally shipped (two more). */
  async function sell(orderId: string, shipToo: boolean) {
    for (const [path, body] of workedExampleSale(orderId, { ship: shipToo })) assert.equal((await http('POST', path, ORDER_KEYS.web, body)).status, 201, path);
  }

  /** Waits until the journal shows the order's entries as open, so a close sees them. */
  async function journalHas(count: number) {
    const status = async () => (await http('GET', '/projections', ORDER_KEYS.finance)).body.projections.find((p: any) => p.projection === 'journal');
    await eventually(async () => (await status())?.eventsBehind === 0, `the journal catches up (${count} entries expected)`);
  }

  before(async () => {
    app = await startOrderApp(dir.path, { env: { BATCH_MAX_ENTRIES: '3' } });
    grpcClient = postingClient(app.grpcPort);
  });
  after(async () => {
    grpcClient.close();
    await app.close();
    dir.remove();
  });

  it('closes a company and day on its own once BATCH_MAX_ENTRIES entries are open', async () => {
    await sell('o-1', true);
    await eventually(async () => (await batches()).length === 1, 'a size-triggered batch');
    const [batch] = await batches();
    assert.deepEqual([batch.batchId, batch.entryCount, batch.previousBatchId, batch.chainIndex], ['US01-2026-11-28-1', 3, null, 0]);
    assert.deepEqual(batch.totals, [{ currency: 'USD', debitMinor: 10519 + 12019 + 500, creditMinor: 10519 + 12019 + 500, lineCount: 10 }]);
  });

  it('closes on command with ops:admin only, links to the previous batch, and answers a second close clearly', async () => {
    await sell('o-2', false);
    await journalHas(1);
    const denied = await http('POST', '/posting-batches/closes', ORDER_KEYS.finance, { companyCode: 'US01', postingDate: '2026-11-28' });
    assert.equal(denied.status, 403);
    const before = await allEvents(app.store);
    const invalid = await http('POST', '/posting-batches/closes', ORDER_KEYS.ops, { companyCode: 'US 01', postingDate: '2026-02-30' });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.error.fields.map((f: any) => f.path).sort(), ['companyCode', 'postingDate']);
    assert.deepEqual(await allEvents(app.store), before, 'refused requests append nothing');

    const closed = await http('POST', '/posting-batches/closes', ORDER_KEYS.ops, { companyCode: 'US01', postingDate: '2026-11-28' });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    const [first] = await batches();
    assert.deepEqual(
      [closed.body.batchId, closed.body.entryCount, closed.body.previousBatchId, closed.body.previousHash],
      ['US01-2026-11-28-2', 1, 'US01-2026-11-28-1', first.hash],
    );

    const again = await http('POST', '/posting-batches/closes', ORDER_KEYS.ops, { companyCode: 'US01', postingDate: '2026-11-28' });
    assert.equal(again.status, 422);
    assert.equal(again.body.error.code, 'BATCH_ALREADY_CLOSED');
    const empty = await http('POST', '/posting-batches/closes', ORDER_KEYS.ops, { companyCode: 'DE01', postingDate: '2026-11-28' });
    assert.equal(empty.body.error.code, 'NOTHING_TO_CLOSE');
  });

  it('shows one batch with its entries and lines to finance, and exports it for each ERP', async () => {
    const detail = await http('GET', '/posting-batches/US01-2026-11-28-1', ORDER_KEYS.finance);
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.entries.map((e: any) => [e.kind, e.sourceId, e.lines.length]),
      [
        ['payment-captured', 'o-1', 2],
        ['revenue-recognized', 'o-1', 6],
        ['vendor-claim', 'o-1', 2],
      ],
    );
    assert.match(detail.body.entries[0].hash, /^[0-9a-f]{64}$/);

    const sap = await fetch(`${app.base}/posting-batches/US01-2026-11-28-1/exports/sap`, { headers: { authorization: `Bearer ${ORDER_KEYS.finance}` } });
    assert.equal(sap.status, 200);
    assert.match(sap.headers.get('content-type') ?? '', /application\/xml/);
    assert.match(sap.headers.get('content-disposition') ?? '', /US01-2026-11-28-1\.sap\.xml/);
    assert.match(await sap.text(), /<MessageHeader>\n {8}<ID>US01-2026-11-28-1<\/ID>/);
    const netsuite = await http('GET', '/posting-batches/US01-2026-11-28-1/exports/netsuite', ORDER_KEYS.finance);
    assert.deepEqual(
      netsuite.body.map((r: any) => r.externalId),
      ['US01-2026-11-28-1-1', 'US01-2026-11-28-1-2', 'US01-2026-11-28-1-3'],
    );
    const d365 = await http('GET', '/posting-batches/US01-2026-11-28-1/exports/d365', ORDER_KEYS.finance);
    assert.equal(d365.body.header.JournalBatchNumber, 'US01-2026-11-28-1');

    assert.equal((await http('GET', '/posting-batches/US01-2026-11-28-1/exports/quickbooks', ORDER_KEYS.finance)).status, 400);
    assert.equal((await http('GET', '/posting-batches/US01-2026-11-28-9', ORDER_KEYS.finance)).status, 404);
    assert.equal((await http('GET', '/posting-batches/US01-2026-11-28-1/exports/sap', ORDER_KEYS.web)).status, 403);
  });

  it('serves the same over gRPC, with the same scopes and refusals', async () => {
    await sell('o-3', false);
    await journalHas(1);
    const denied = await grpcClient.call('CloseBatch', { companyCode: 'US01', postingDate: '2026-11-28' }, ORDER_KEYS.finance);
    assert.equal(denied.error?.code, grpc.status.PERMISSION_DENIED);
    const closed = await grpcClient.call('CloseBatch', { companyCode: 'US01', postingDate: '2026-11-28' }, ORDER_KEYS.ops);
    assert.equal(closed.error, undefined, closed.error?.message);
    assert.deepEqual([closed.response.batchId, closed.response.entryCount, closed.response.previousBatchId], ['US01-2026-11-28-3', '1', 'US01-2026-11-28-2']);
    const again = await grpcClient.call('CloseBatch', { companyCode: 'US01', postingDate: '2026-11-28' }, ORDER_KEYS.ops);
    assert.equal(again.error?.code, grpc.status.FAILED_PRECONDITION);
    assert.equal(grpcErrorBody(again.error).error.code, 'BATCH_ALREADY_CLOSED');

    const list = await grpcClient.call('ListBatches', { companyCode: 'US01' }, ORDER_KEYS.finance);
    assert.deepEqual(
      list.response.batches.map((b: any) => b.batchId),
      ['US01-2026-11-28-1', 'US01-2026-11-28-2', 'US01-2026-11-28-3'],
    );
    const overHttpList = (await http('GET', '/posting-batches?companyCode=US01', ORDER_KEYS.finance)).body;
    assert.match(overHttpList.checkpoint, /^\d+$/, 'the list says which log position it reflects');
    assert.equal(list.response.checkpoint, overHttpList.checkpoint);
    const unfiltered = await grpcClient.call('ListBatches', { companyCode: '', postingDate: '' }, ORDER_KEYS.finance);
    assert.equal(unfiltered.response.batches.length, 3, 'empty strings are no filter, as proto3 means them');
    const detail = await grpcClient.call('GetBatch', { batchId: 'US01-2026-11-28-3' }, ORDER_KEYS.finance);
    assert.deepEqual(
      detail.response.entries.map((e: any) => [e.kind, e.sourceId, e.lines.map((l: any) => [l.role, l.side, l.amountMinor])]),
      [
        [
          'payment-captured',
          'o-3',
          [
            ['psp.clearing', 'debit', '10519'],
            ['liability.customer-deposits', 'credit', '10519'],
          ],
        ],
      ],
    );
    const exported = await grpcClient.call('ExportBatch', { batchId: 'US01-2026-11-28-3', format: 'sap' }, ORDER_KEYS.finance);
    const overHttp = await (await fetch(`${app.base}/posting-batches/US01-2026-11-28-3/exports/sap`, { headers: { authorization: `Bearer ${ORDER_KEYS.finance}` } })).text();
    assert.equal(exported.response.body, overHttp, 'gRPC and HTTP serve the same bytes');
    assert.equal((await grpcClient.call('GetBatch', { batchId: 'nope' }, ORDER_KEYS.finance)).error?.code, grpc.status.NOT_FOUND);
    assert.equal((await grpcClient.call('ExportBatch', { batchId: 'US01-2026-11-28-3', format: 'xero' }, ORDER_KEYS.finance)).error?.code, grpc.status.INVALID_ARGUMENT);
  });
});
