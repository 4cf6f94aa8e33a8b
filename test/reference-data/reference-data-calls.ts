import assert from 'node:assert/strict';
import { eventually } from '../esdb-protocol/endpoint-fixture';
import { workedExampleOrder, workedExampleSale } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import type { TestKey } from '../support/test-app';
import { TEST_KEYS } from '../support/test-keys';

/** The master-data system's key: it imports reference data. */
export const MASTER_DATA: TestKey = { name: 'master-data', key: 'lbk_test-refdata-write-key-0000000000000000', scopes: ['refdata:write'] };

/** What the reference-data suites do over HTTP to the app at `base()` (read when called: a suite starts its app in `before`). */
export function referenceDataCalls(base: () => string) {
  const http = (method: string, path: string, key: string, body?: unknown) => call(base(), method, path, { key, ...(body === undefined ? {} : { body }) });

  /** Every projection has applied the whole log. */
  async function caughtUp(): Promise<void> {
    const behind = async () => ((await http('GET', '/projections', TEST_KEYS.finance)).body.projections as any[]).every((p) => p.eventsBehind === 0);
    await eventually(behind, 'the read models catch up');
  }

  /** Imports `rows` (refused is a failure), waits for the read side, and answers the reference data's new version. */
  async function importRows(rows: object[]): Promise<number> {
    const answer = await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    await caughtUp();
    return answer.body.version as number;
  }

  /** The worked example order (its two lines sold as `skus`: 2 x 30.00 and 45.00) placed, paid and shipped whole on `day`. */
  async function sellAndShip(orderId: string, day: string, skus: [string, string] = ['TEE-RED-M', 'HOODIE-GRY-L']): Promise<void> {
    const order = workedExampleOrder(orderId);
    const sold = { ...order, placedAt: `${day}T08:00:00Z`, lines: order.lines.map((line, i) => ({ ...line, sku: skus[i] })) };
    for (const [path, body] of workedExampleSale(orderId, { at: `${day}T09:00:00Z`, order: sold })) assert.equal((await http('POST', path, TEST_KEYS.web, body)).status, 201, path);
  }

  return { http, caughtUp, importRows, sellAndShip };
}
