import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call } from '../support/edge-app';
import { launchChromium, screenshotOnFailure } from '../support/browser';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp, type TestKey } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { AT, workedExampleOrder } from '../order/api/order-requests';

const WEB: TestKey = { name: 'web-shop', key: 'lbk_console-test-web-0000000000000000000000', scopes: ['channel:web:write'] };
const OPERATOR: TestKey = { name: 'night-operator', key: 'lbk_console-test-operator-0000000000000000', scopes: ['ops:admin', 'finance:read', 'audit:read'] };
const VIEWER: TestKey = { name: 'controller', key: 'lbk_console-test-viewer-00000000000000000000', scopes: ['ops:read', 'finance:read', 'audit:read'] };

/** Both orders' stock, reserved by the channel itself before the sagas run: the saga's own reservation is refused and parks. */
const RESERVE = {
  locationId: 'main-warehouse',
  lines: [
    { lineId: 'L1', quantity: 2 },
    { lineId: 'L2', quantity: 1 },
  ],
  at: AT,
};

/** Polls the API until `check` gives a value (sagas and projections work in the background). */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('operations console in headless Chromium', () => {
  const dir = tempDir('console-browser');
  let app: TestApp;
  let browser: Browser;
  const api = (method: string, path: string, key: TestKey, body?: unknown) => call(app.base, method, path, { key: key.key, body });
  const parkedIds = async () => (await api('GET', '/ops/sagas/parked', OPERATOR)).body.instances.map((instance: { instanceId: string }) => instance.instanceId).sort();

  /** A fresh browser session (its own sessionStorage) on the console, signed in with `key`. */
  async function signedIn(key: TestKey, hash = ''): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.base}/console/${hash}`);
    await page.getByLabel('API key').fill(key.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.who .key-name', { hasText: key.name }).waitFor();
    return { context, page };
  }

  before(async () => {
    browser = await launchChromium();
    const keys = [WEB, OPERATOR, VIEWER];
    const quiet = await startTestApp({ dataDir: dir.path, keys, env: GENEROUS_RATE_LIMIT });
    for (const orderId of ['con-1', 'con-2']) {
      assert.equal((await call(quiet.base, 'POST', '/orders', { key: WEB.key, body: workedExampleOrder(orderId) })).status, 201);
      assert.equal((await call(quiet.base, 'POST', `/orders/${orderId}/inventory/reservations`, { key: WEB.key, body: RESERVE })).status, 201);
    }
    const authorization = { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT };
    assert.equal((await call(quiet.base, 'POST', '/orders/con-1/authorizations', { key: WEB.key, body: authorization })).status, 201);
    await quiet.close();
    app = await startTestApp({ dataDir: dir.path, keys, env: { ...GENEROUS_RATE_LIMIT, SAGAS_ENABLED: 'true' } });
    await eventually('both orders parked', async () => ((await parkedIds()).length === 2 ? true : undefined));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    dir.remove();
  });

  it("refuses a wrong key at sign-in with the API's message and correlation id, and keeps nothing", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await screenshotOnFailure(page, 'sign-in refused', async () => {
      await page.goto(`${app.base}/console`);
      await page.getByLabel('API key').fill('lbk_not-a-configured-key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const problem = page.getByRole('alert');
      await problem.getByText('401 UNAUTHENTICATED: the API key is not valid').waitFor();
      const correlationId = await problem.locator('.correlation-id').textContent();
      assert.match(correlationId ?? '', /^[0-9a-f-]{36}$/, 'the correlation id the service logged the refusal under');
      assert.deepEqual(await page.evaluate('[sessionStorage.length, localStorage.length, document.cookie]'), [0, 0, '']);
    });
    await context.close();
  });

  it('lets an operator find the parked order, retry it once its cause is fixed, and see it resume', async () => {
    const { context, page } = await signedIn(OPERATOR);
    await screenshotOnFailure(page, 'retry parked instance', async () => {
      await page.getByRole('link', { name: 'Sagas' }).click();
      const row = page.locator('tr[data-saga="fulfillment"][data-instance="con-1"]');
      await row.getByText('RESERVE_QUANTITY_EXCEEDS_REMAINING').waitFor();
      assert.equal(await page.locator('tr[data-instance="con-2"]').count(), 1, 'every parked instance is listed');

      // The cause: the channel's own reservation. Released, the saga's reservation can go through.
      assert.equal((await api('POST', '/orders/con-1/inventory/releases', WEB, RESERVE)).status, 201);
      await row.getByRole('button', { name: 'Retry' }).click();
      await page
        .getByRole('status')
        .getByText(/^fulfillment con-1: resumed, now [a-z-]+\.$/)
        .waitFor();
      await row.waitFor({ state: 'detached' });
      assert.equal(await page.locator('tr[data-instance="con-2"]').count(), 1, 'the other parked order is still listed');
      assert.deepEqual(await parkedIds(), ['con-2']);
      const reserved = (await app.store.readStream('order-con-1')).filter((event) => event.metadata.channel === 'saga:fulfillment' && event.type === 'InventoryReserved');
      assert.equal(reserved.length, 1, 'the saga reserved once');

      // The key is kept for this tab only: sessionStorage, never localStorage or a cookie.
      assert.deepEqual(await page.evaluate('[Object.values(sessionStorage), localStorage.length, document.cookie]'), [[OPERATOR.key], 0, '']);
      await page.reload();
      await page.locator('tr[data-instance="con-2"]').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      assert.equal(await page.evaluate('sessionStorage.length'), 0);
    });
    await context.close();
  });

  it("shows the order's timeline: events, saga steps, journal lines with lineage, and the batch they closed into", async () => {
    // Once resumed, the saga captured the authorization: the capture posts a journal entry, closed here into a batch.
    const lines = await eventually('the capture posted', async () => {
      const { body } = await api('GET', '/audit/orders/con-1/lines', OPERATOR);
      return body.lines?.length ? body.lines : undefined;
    });
    const entry = (await api('GET', `/audit/entries/${encodeURIComponent(lines[0].entryId)}/rebuild`, OPERATOR)).body.recorded;
    const closed = await api('POST', '/posting-batches/closes', OPERATOR, { companyCode: 'US01', postingDate: entry.postingDate });
    assert.equal(closed.status, 201);
    const { context, page } = await signedIn(OPERATOR, '#/orders/con-1');
    await screenshotOnFailure(page, 'order timeline', async () => {
      const events = page.getByRole('region', { name: 'Events' });
      for (const type of ['OrderPlaced', 'InventoryReserved', 'InventoryReleased', 'PaymentCaptured']) await events.locator(`tr[data-event="${type}"]`).first().waitFor();
      const steps = page.locator('.saga-steps[data-saga="fulfillment"]');
      for (const step of ['SagaParked', 'SagaResumed', 'SagaStepTaken']) await steps.locator(`tr[data-step="${step}"]`).first().waitFor();
      await steps.getByText('CapturePayment on order-con-1').waitFor();

      const posted = page.locator(`.entry[data-entry="${entry.entryId}"]`);
      await posted.locator('a.batch-id', { hasText: closed.body.batchId }).waitFor();
      await posted.getByText('matches history').waitFor();
      await posted.locator('tr').nth(1).getByRole('button', { name: 'Lineage' }).click();
      const lineage = page.getByRole('region', { name: /^Lineage of line 1/ });
      await lineage.locator('tr[data-lineage-event="PaymentCaptured"]').waitFor();
      await page.getByRole('region', { name: 'ERP document' }).getByText('ERP delivery: not configured').waitFor();
    });
    await context.close();
  });

  it("verifies a company's batch chain and downloads a batch's SAP export", async () => {
    const { context, page } = await signedIn(OPERATOR, '#/batches');
    await screenshotOnFailure(page, 'batches', async () => {
      const [batch] = (await api('GET', '/posting-batches?companyCode=US01', OPERATOR)).body.batches;
      await page.getByRole('button', { name: 'Verify US01' }).click();
      await page.locator('.chain-result').getByText('Chain US01: intact, 1 batch,').waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`tr[data-batch="${batch.batchId}"]`).getByRole('button', { name: 'SAP' }).click()]);
      const saved = readFileSync(await download.path(), 'utf8');
      const served = await fetch(`${app.base}/posting-batches/${batch.batchId}/exports/sap`, { headers: { authorization: `Bearer ${OPERATOR.key}` } });
      assert.equal(saved, await served.text(), 'the file holds the export as the API serves it');
      assert.match(saved, /JournalEntryBulkCreateRequest/);
      assert.match(download.suggestedFilename(), new RegExp(`^${batch.batchId}`));
    });
    await context.close();
  });

  it('shows a key without ops:admin the parked instance read-only: no retry button', async () => {
    const { context, page } = await signedIn(VIEWER, '#/sagas');
    await screenshotOnFailure(page, 'read-only sagas', async () => {
      await page.locator('.who .read-only').waitFor();
      const row = page.locator('tr[data-instance="con-2"]');
      await row.getByText('RESERVE_QUANTITY_EXCEEDS_REMAINING').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
      await page.getByText('Read-only: your key lacks ops:admin').waitFor();
      await page.getByRole('link', { name: 'Sync health' }).click();
      await page.locator('tr[data-saga="fulfillment"]').getByText('parked 1').waitFor();
    });
    await context.close();
  });
});
