import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { call, grpcErrorBody } from '../support/edge-app';
import { GrpcClient } from '../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';
import { MASTER_DATA } from './reference-data-calls';

const REFERENCE_DATA = { proto: 'ledgerbridge/finance/v1/reference_data.proto', service: 'ledgerbridge.finance.v1.ReferenceData', longs: Number };

describe('reference data over HTTP and gRPC: whole imports, versions, mappings in force', () => {
  const dir = tempDir('reference-data');
  let app: TestApp;
  let client: GrpcClient;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const recorded = async () => {
    try {
      return (await app.store.readStream('reference-data-mappings')).map((e) => e.type);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  };

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
    client = new GrpcClient(app.grpcPort, REFERENCE_DATA);
  });
  after(async () => {
    client.close();
    await app.close();
    dir.remove();
  });

  it('applies nothing from an import with one bad row, and reports it by row and field', async () => {
    const rows = [
      { kind: 'location', key: 'S001', effectiveFrom: '2026-11-01', companyCode: 'US01' },
      { kind: 'location', key: 'S002', effectiveFrom: '2026-11-01' },
    ];
    assert.equal((await http('POST', '/reference-data/imports', TEST_KEYS.finance, { rows })).status, 403);
    const refused = await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'REFERENCE_DATA_INVALID');
    assert.deepEqual(refused.body.error.details.problems, [{ row: 2, field: 'companyCode', reason: 'is required for a location mapping' }]);
    assert.deepEqual(await recorded(), [], 'nothing was applied');
    const both = await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows, csv: 'kind,key\n' });
    assert.equal(both.status, 400);
  });

  it('imports a CSV file and JSON rows over gRPC as versions, and answers the mapping in force on a day', async () => {
    const csv = 'kind,key,effectiveFrom,companyCode,costCenter,profitCenter\nlocation,S001,2026-11-01,US01,CC-S001,PC-EAST\nlocation,S001,2026-12-01,US02,,\n';
    const imported = await http('POST', '/reference-data/imports', MASTER_DATA.key, { csv });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { version: 1, format: 'csv', applied: 2, byKind: { location: 2 } });

    const overGrpc = await client.call('ImportReferenceData', { rows: [{ kind: 'channel', key: 'web', effectiveFrom: '2026-11-01', companyCode: 'US01' }] }, MASTER_DATA.key);
    assert.equal(overGrpc.error, undefined, overGrpc.error?.message);
    assert.deepEqual([overGrpc.response.version, overGrpc.response.applied], [2, 1]);
    const badCsv = await client.call('ImportReferenceData', { csv: 'kind,key,effectiveFrom,revenueRole\nproduct-group,apparel,2026-11-01,revenue.hats\n' }, MASTER_DATA.key);
    assert.equal(badCsv.error?.code, grpc.status.FAILED_PRECONDITION);
    assert.equal(grpcErrorBody(badCsv.error).error.code, 'REFERENCE_DATA_INVALID');
    assert.deepEqual(await recorded(), ['ReferenceDataImported', 'ReferenceDataImported']);

    const november = await http('GET', '/reference-data/mappings?kind=location&key=S001&asOf=2026-11-28', TEST_KEYS.finance);
    assert.deepEqual(
      november.body.mappings.map((m: any) => [m.companyCode, m.costCenter, m.version]),
      [['US01', 'CC-S001', 1]],
    );
    const december = await client.call('ListMappings', { kind: 'location', key: 'S001', asOf: '2026-12-05' }, TEST_KEYS.finance);
    assert.deepEqual(
      december.response.mappings.map((m: any) => [m.companyCode, m.costCenter ?? null, m.version]),
      [['US02', null, 1]],
    );
  });
});
