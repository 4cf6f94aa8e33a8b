import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotOnFailure, SCREENSHOTS } from '../support/browser';
import { tempDir } from '../support/temp-dir';

/** dist/demo/promotion-weekend.js, next to this file's dist/test/demo: what `npm run demo` runs. */
const DEMO = resolve(__dirname, '..', '..', 'demo', 'promotion-weekend.js');

/** What the demo writes to summary.json, as far as this test reads it. */
interface DemoSummary {
  orders: Record<'web' | 'pickup' | 'pos' | 'shopify' | 'failed', number> & { failures: Record<string, number> };
  fulfilment: { returns: number; pickups: number };
  journal: { balanced: boolean };
  batches: { closed: number; acknowledged: number };
  reconciliation: { payout: { reconciliation: { status: string; difference: number } }; erpDifferences: number };
}

/** Runs the demo's small weekend to its end; resolves with what it printed, rejects with it when it exits non-zero. */
function runDemo(out: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [DEMO, '--quick', '--out', out], { timeout: 200_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`the demo failed (${error.message}):\n${stdout}\n${stderr}`));
      else done(stdout);
    });
  });
}

describe('npm run demo (--quick): a promotion weekend over the real service, and its report in Chromium', () => {
  const dir = tempDir('demo');
  let printed: string;
  let browser: Browser;
  before(async () => {
    printed = await runDemo(dir.path);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    dir.remove();
  });

  it('takes orders on every channel and ends with balanced books, every batch at the ERP and the payout discrepancy found', () => {
    const summary = JSON.parse(readFileSync(join(dir.path, 'summary.json'), 'utf8')) as DemoSummary;
    assert.equal(summary.orders.failed, 0, JSON.stringify(summary.orders.failures));
    for (const channel of ['web', 'pickup', 'pos', 'shopify'] as const) assert.ok(summary.orders[channel] > 0, `orders on ${channel}: ${printed}`);
    assert.ok(summary.fulfilment.returns > 0 && summary.fulfilment.pickups > 0, JSON.stringify(summary.fulfilment));
    assert.ok(summary.journal.balanced, JSON.stringify(summary.journal));
    assert.ok(summary.batches.closed > 0 && summary.batches.acknowledged === summary.batches.closed, JSON.stringify(summary.batches));
    assert.equal(summary.reconciliation.payout.reconciliation.status, 'discrepancy');
    assert.equal(summary.reconciliation.payout.reconciliation.difference, -1250);
    assert.equal(summary.reconciliation.erpDifferences, 0);
    assert.match(printed, /✓ journal USD: debits [\d.]+ = credits [\d.]+/);
  });

  it('writes a self-contained report whose four plots and summary render in the browser', async () => {
    const report = join(dir.path, 'report.html');
    const html = readFileSync(report, 'utf8');
    assert.doesNotMatch(html, /<script|<link|https?:\/\//, 'nothing fetched: no script, stylesheet or remote URL');
    const page = await browser.newPage({ viewport: { width: 1240, height: 1000 } });
    try {
      await screenshotOnFailure(page, 'demo-report', async () => {
        await page.goto(pathToFileURL(report).href);
        for (const id of ['orders-per-second', 'capture-p99', 'erp-backlog', 'projection-lag']) {
          const plot = page.locator(`figure#${id} svg`);
          await plot.waitFor();
          assert.ok((await plot.locator('polyline').count()) > 0, `${id} has a line`);
          const box = await plot.boundingBox();
          assert.ok(box && box.width > 400 && box.height > 150, `${id} is drawn at its size`);
        }
        assert.equal(await page.locator('figure svg rect.band').count(), 8, 'the spike and the outage shaded on each plot');
        assert.match(await page.locator('#summary').innerText(), /journal USD/);
        mkdirSync(SCREENSHOTS, { recursive: true });
        const shot = join(SCREENSHOTS, 'demo-report.png');
        await page.screenshot({ path: shot, fullPage: true });
        assert.ok(statSync(shot).size > 10_000, `screenshot ${shot}`);
      });
    } finally {
      await page.close();
    }
  });
});
