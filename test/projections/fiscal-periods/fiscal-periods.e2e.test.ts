import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { workedExampleSale } from '../../order/api/order-requests';
import { call, grpcErrorBody } from '../../support/edge-app';
import { GrpcClient } from '../../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp, type TestKey } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';

/** A controller's key: closes and reopens periods, nothing else. */
const CLOSER: TestKey = { name: 'controller-close', key: 'lbk_test-finance-close-key-0000000000000000', scopes: ['finance:close'] };
const FISCAL_PERIODS = { proto: 'ledgerbridge/finance/v1/fiscal_periods.proto', service: 'ledgerbridge.finance.v1.FiscalPeriods', longs: Number };

describe('fiscal periods: close, post into a closed period, reopen, close again, rebuild', () => {
  const dir = tempDir('fiscal-periods');
  let app: TestApp;
  let periods: GrpcClient;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });

  /** A web order placed on 2026-11-27 and captured on 2026-11-28 (AT): one payment-captured entry. */
  async function sell(orderId: string) {
    for (const [path, body] of workedExampleSale(orderId, { ship: false })) assert.equal((await http('POST', path, TEST_KEYS.web, body)).status, 201, path);
  }

  async function caughtUp() {
    const behind = async () => ((await http('GET', '/projections', TEST_KEYS.finance)).body.projections as any[]).every((p) => p.eventsBehind === 0);
    await eventually(behind, 'the read models catch up');
  }

  async function calendarEvents() {
    return (await app.store.readStream('fiscal-calendar-US01')).map((e) => ({ type: e.type, principal: e.metadata.principal, correlationId: e.metadata.correlationId }));
  }

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, CLOSER], env: { ...GENEROUS_RATE_LIMIT } });
    periods = new GrpcClient(app.grpcPort, FISCAL_PERIODS);
  });
  after(async () => {
    periods.close();
    await app.close();
    dir.remove();
  });

  it('defines a calendar with finance:close only, and refuses a bad one with the field and nothing appended', async () => {
    assert.equal((await http('POST', '/fiscal-calendars', TEST_KEYS.finance, { companyCode: 'US01', pattern: 'calendar-months' })).status, 403);
    const invalid = await http('POST', '/fiscal-calendars', CLOSER.key, { companyCode: 'US01', pattern: '4-4-5' });
    assert.equal(invalid.status, 400);
    assert.deepEqual(
      invalid.body.error.fields.map((f: any) => f.path),
      ['yearStart'],
    );
    assert.equal((await http('GET', '/fiscal-calendars/US01', TEST_KEYS.finance)).status, 404, 'no calendar was recorded');

    const defined = await http('POST', '/fiscal-calendars', CLOSER.key, { companyCode: 'US01', pattern: 'calendar-months' });
    assert.equal(defined.status, 201, JSON.stringify(defined.body));
    assert.deepEqual([defined.body.pattern, defined.body.definedBy, defined.body.periods], ['calendar-months', 'controller-close', []]);
    const other = await http('POST', '/fiscal-calendars', CLOSER.key, { companyCode: 'US01', pattern: '4-4-5', yearStart: '2026-02-01' });
    assert.equal(other.body.error?.code, 'FISCAL_CALENDAR_ALREADY_DEFINED');
  });

  it('refuses to close a period while an entry of it is in no batch, listing it, and shows it on the checklist', async () => {
    await sell('o-1');
    await caughtUp();
    const refused = await http('POST', '/fiscal-calendars/US01/periods/2026-11/closing', CLOSER.key);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'PERIOD_HAS_UNBATCHED_ENTRIES');
    assert.deepEqual(
      refused.body.error.details.entries.map((e: any) => [e.sourceId, e.postingDate]),
      [['o-1', '2026-11-28']],
    );

    const checklist = await http('GET', '/fiscal-calendars/US01/periods/2026-11/checklist', TEST_KEYS.finance);
    assert.equal(checklist.status, 200, JSON.stringify(checklist.body));
    assert.equal(checklist.body.ready, false);
    assert.equal(checklist.body.entriesNotBatched.count, 1);
    assert.deepEqual([checklist.body.batchesNotAcknowledged.count, checklist.body.payoutsNotReconciled.count, checklist.body.businessErrorsOpen.count], [0, 0, 0]);
    const overGrpc = await periods.call('GetCloseChecklist', { companyCode: 'US01', periodId: '2026-11' }, TEST_KEYS.finance);
    assert.equal(overGrpc.error, undefined, overGrpc.error?.message);
    assert.deepEqual([overGrpc.response.ready, overGrpc.response.entriesNotBatched.count, overGrpc.response.entriesNotBatched.entries[0].sourceId], [false, 1, 'o-1']);
  });

  it('closes the period once its entries are batched, audited with the principal and correlation id', async () => {
    assert.equal((await http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: '2026-11-28' })).status, 201);
    assert.equal((await http('POST', '/fiscal-calendars/US01/periods/2026-11/closing', TEST_KEYS.finance)).status, 403, 'finance:read may not close');
    const closed = await http('POST', '/fiscal-calendars/US01/periods/2026-11/closing', CLOSER.key);
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.deepEqual(
      [closed.body.status, closed.body.start, closed.body.end, closed.body.history.map((c: any) => [c.action, c.by])],
      ['closed', '2026-11-01', '2026-11-30', [['closed', 'controller-close']]],
    );
    const [, close] = await calendarEvents();
    assert.deepEqual([close.type, close.principal], ['FiscalPeriodClosed', 'controller-close']);
    assert.match(String(close.correlationId), /\S/);
    assert.equal((await http('POST', '/fiscal-calendars/US01/periods/2026-12/closing', CLOSER.key)).body.error?.code, 'PERIOD_NOT_ENDED');
  });

  it('posts an entry dated in the closed period on the first day of the next one, keeping its date in the entry, the batch and each ERP payload', async () => {
    await sell('o-2');
    await caughtUp();
    const batch = await http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: '2026-12-01' });
    assert.equal(batch.status, 201, JSON.stringify(batch.body));
    const detail = (await http('GET', `/posting-batches/${batch.body.batchId}`, TEST_KEYS.finance)).body;
    assert.deepEqual(
      detail.entries.map((e: any) => [e.sourceId, e.kind, e.postingDate, e.businessDate]),
      [['o-2', 'payment-captured', '2026-12-01', '2026-11-28']],
    );
    const closedEvent = (await app.store.readStream('posting-batches-US01')).at(-1)!.data as any;
    assert.equal(closedEvent.entries[0].businessDate, '2026-11-28', 'the batch event records the business date');

    const exported = async (format: string) =>
      (await fetch(`${app.base}/posting-batches/${batch.body.batchId}/exports/${format}`, { headers: { authorization: `Bearer ${TEST_KEYS.finance}` } })).text();
    const sap = await exported('sap');
    assert.match(sap, /<DocumentDate>2026-11-28<\/DocumentDate>\s*<PostingDate>2026-12-01<\/PostingDate>/);
    const [netsuite] = JSON.parse(await exported('netsuite'));
    assert.equal(netsuite.tranDate, '2026-12-01');
    assert.match(netsuite.memo, /business date 2026-11-28 \(fiscal period closed\)/);
    const d365 = JSON.parse(await exported('d365'));
    assert.ok(d365.lines.every((line: any) => line.TransDate === '2026-12-01T00:00:00Z' && line.DocumentDate === '2026-11-28T00:00:00Z'));

    const entryId = detail.entries[0].entryId;
    const rebuilt = await http('GET', `/audit/entries/${encodeURIComponent(entryId)}/rebuild`, TEST_KEYS.audit);
    assert.equal(rebuilt.body.match, true, JSON.stringify(rebuilt.body.differences));
    assert.ok(
      rebuilt.body.events.some((e: any) => e.type === 'FiscalPeriodClosed'),
      'the auditor names the close that moved it',
    );

    const balance = async (period: string) => (await http('GET', `/finance/trial-balance?companyCode=US01&period=${period}`, TEST_KEYS.finance)).body;
    const clearing = (view: any) => view.rows.find((r: any) => r.role === 'psp.clearing')?.debitMinor ?? 0;
    const november = await balance('2026-11');
    assert.deepEqual([november.from, november.to, november.period, clearing(november)], ['2026-11-01', '2026-11-30', '2026-11', 10519]);
    assert.equal(clearing(await balance('2026-12')), 10519, "o-2's capture is December's");
    const both = await http('GET', '/finance/trial-balance?companyCode=US01&period=2026-11&from=2026-11-01', TEST_KEYS.finance);
    assert.equal(both.status, 400, 'a period replaces from and to');
    assert.equal((await http('GET', '/finance/trial-balance?period=2026-11', TEST_KEYS.finance)).status, 400, 'a period needs its company');
  });

  it('reopens with a reason and closes again over gRPC, each audited; a rebuilt journal is identical', async () => {
    const denied = await periods.call('ReopenPeriod', { companyCode: 'US01', periodId: '2026-11', reason: 'late credit note' }, TEST_KEYS.finance);
    assert.equal(denied.error?.code, grpc.status.PERMISSION_DENIED);
    const noReason = await periods.call('ReopenPeriod', { companyCode: 'US01', periodId: '2026-11', reason: '' }, CLOSER.key);
    assert.equal(noReason.error?.code, grpc.status.INVALID_ARGUMENT);
    const reopened = await periods.call('ReopenPeriod', { companyCode: 'US01', periodId: '2026-11', reason: 'late credit note' }, CLOSER.key);
    assert.equal(reopened.error, undefined, reopened.error?.message);
    assert.equal(reopened.response.status, 'open');
    const closedAgain = await periods.call('ClosePeriod', { companyCode: 'US01', periodId: '2026-11' }, CLOSER.key);
    assert.equal(closedAgain.error, undefined, closedAgain.error?.message);
    assert.deepEqual(
      closedAgain.response.history.map((c: any) => [c.change, c.action, c.by, c.reason ?? null]),
      [
        [1, 'closed', 'controller-close', null],
        [2, 'reopened', 'controller-close', 'late credit note'],
        [3, 'closed', 'controller-close', null],
      ],
    );
    const again = await periods.call('ClosePeriod', { companyCode: 'US01', periodId: '2026-11' }, CLOSER.key);
    assert.equal(grpcErrorBody(again.error!).error.code, 'PERIOD_ALREADY_CLOSED');
    assert.deepEqual(
      (await calendarEvents()).map((e) => [e.type, e.principal]),
      [
        ['FiscalCalendarDefined', 'controller-close'],
        ['FiscalPeriodClosed', 'controller-close'],
        ['FiscalPeriodReopened', 'controller-close'],
        ['FiscalPeriodClosed', 'controller-close'],
      ],
    );
    const calendar = await periods.call('GetCalendar', { companyCode: 'US01' }, TEST_KEYS.finance);
    assert.deepEqual(
      calendar.response.periods.map((p: any) => [p.periodId, p.status, p.history.length]),
      [['2026-11', 'closed', 3]],
    );

    await caughtUp();
    const rebuilt = await http('POST', '/projections/journal/rebuild', TEST_KEYS.ops);
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    assert.deepEqual([rebuilt.body.equal, rebuilt.body.differingTables], [true, []], 'the rebuild places every entry as live did');
    const december = await http('GET', '/fiscal-calendars/US01/periods/2026-12/checklist', CLOSER.key);
    assert.deepEqual([december.body.ready, december.body.entriesNotBatched.count], [true, 0]);
  });
});
