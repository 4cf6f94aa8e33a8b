import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMMANDS_NEEDING_SETUP, EXAMPLE_REQUESTS, exampleFiles } from '../../src/cli/request-examples/example-requests';
import { REPO_ROOT } from '../../src/cli/repo-root';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.file';
import { ErpSimulator } from '../../src/erp/simulator/erp-simulator';
import { DEVELOPMENT_CREDENTIALS } from '../../src/erp/simulator/simulator-settings';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

/**
 * What a newcomer pastes: curl against the real service on 127.0.0.1, a fresh data folder, no
 * API keys. Every HTTP error fails the run (curl --fail-with-body), so a command the docs show
 * that the service refuses is a failing test.
 */
function runBash(script: string, cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  if (!existsSync('/usr/bin/curl')) throw new Error('these tests run curl: apt-get install curl (.ci/run does)');
  const wrapped = ['set -euo pipefail', 'curl() { command curl --show-error --fail-with-body --max-time 30 "$@"; }', script].join('\n');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', wrapped], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The README's five-minute tour: its fenced shell blocks, in order. */
function tourBlocks(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const tour = /^## Five-minute tour\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  assert.ok(tour, 'README.md has a "## Five-minute tour" section');
  return [...tour.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
}

describe("README's five-minute tour, pasted into a shell", () => {
  const dir = tempDir('readme-tour');
  let simulator: ErpSimulator;
  let app: TestApp;
  let commands: string;

  before(async () => {
    const [start, ...rest] = tourBlocks();
    assert.ok(start && rest.length > 0, 'the tour starts the service, then sends requests');
    // The first block starts the ERP simulator and the service with ERP_TARGETS: run here in-process, on free ports, with those settings.
    const targets = /ERP_TARGETS='([\s\S]*?)' npm start/.exec(start)?.[1];
    assert.ok(targets && /npm run erp-sim -- --port 4400/.test(start), `the tour starts the simulator and the service delivering to it:\n${start}`);
    simulator = await ErpSimulator.start({
      host: '127.0.0.1',
      ports: { admin: 0, sap: 0, netsuite: 0, d365: 0 },
      chart: loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS),
      closedPeriods: { sap: [], netsuite: [], d365: [] },
      sap: { ...DEVELOPMENT_CREDENTIALS.sap },
      netsuite: {
        accountId: DEVELOPMENT_CREDENTIALS.netsuite.accountId,
        concurrencyLimit: DEVELOPMENT_CREDENTIALS.netsuite.concurrencyLimit,
        tba: { ...DEVELOPMENT_CREDENTIALS.netsuite.tba },
      },
      d365: { ...DEVELOPMENT_CREDENTIALS.d365 },
    });
    const urls = simulator.urls;
    const erpTargets = targets.replaceAll('http://127.0.0.1:4401', urls.sap).replaceAll('http://127.0.0.1:4402', urls.netsuite).replaceAll('http://127.0.0.1:4403', urls.d365);
    assert.ok(Array.isArray(JSON.parse(erpTargets)), `ERP_TARGETS is a JSON array: ${erpTargets}`);
    app = await startTestApp({ dataDir: dir.path, env: { SAGAS_ENABLED: 'true', ERP_TARGETS: erpTargets, ERP_RETRY_MAX_DELAY: '200ms' } });
    const host = (url: string) => new URL(url).host;
    commands = rest.join('\n').replaceAll('localhost:3000', host(app.base)).replaceAll('localhost:4400', host(urls.admin));
  });
  after(async () => {
    await app?.close();
    await simulator?.close();
    dir.remove();
  });

  it('places an order today, sees the saga capture it, closes and exports the batch, has it delivered to the ERP and rebuilds an entry from history', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { code, output } = await runBash(commands, REPO_ROOT, 180_000);
    assert.equal(code, 0, `the tour's commands failed:\n${output}`);
    assert.match(output, /"type":"OrderPlaced"/, 'the order is placed');
    assert.match(output, new RegExp(`"batchId":"US01-${today}-1".*"entryCount":3`), 'the day closes into a batch of the capture, the revenue and the vendor claim');
    assert.match(output, /"revenue\.merchandise"/, 'the trial balance shows the revenue');
    assert.match(output, /"status":"acknowledged"/, 'NetSuite acknowledges the batch');
    assert.match(output, /"match":true/, 'the rebuilt entry matches the recorded one');
    assert.match(output, /"intact":true/, "the company's chain verifies");
    assert.ok(simulator.requests('netsuite').length > 0, 'the simulated NetSuite was called');
  });
});

describe('examples/: a body and a curl line for every command, each taken as sent', () => {
  const dir = tempDir('examples');
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ dataDir: dir.path });
  });
  after(async () => {
    await app?.close();
    dir.remove();
  });

  it('is what `npm run examples` writes from the OpenAPI examples', () => {
    const folder = join(REPO_ROOT, 'examples');
    const list = (path: string): string[] =>
      readdirSync(path).flatMap((name) => (statSync(join(path, name)).isDirectory() ? list(join(path, name)) : [relative(folder, join(path, name))]));
    const expected = exampleFiles();
    assert.deepEqual(list(folder).sort(), [...expected.keys()].sort(), 'examples/ holds exactly the generated files: run npm run examples');
    const stale = [...expected].filter(([file, text]) => readFileSync(join(folder, file), 'utf8') !== text).map(([file]) => file);
    assert.deepEqual(stale, [], 'stale files in examples/: run npm run examples');
  });

  it('covers every write route the service documents, or says what it needs first', async () => {
    const document = (await (await fetch(`${app.base}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(EXAMPLE_REQUESTS.map((request) => `${request.method} ${templateOf(request.path, writes)}`));
    const needingSetup = new Set(COMMANDS_NEEDING_SETUP.map((command) => command.route));
    const missing = writes.filter((route) => !covered.has(route) && !needingSetup.has(route));
    assert.deepEqual(
      missing,
      [],
      'write routes without an example in src/cli/request-examples/example-requests.ts (EXAMPLE_REQUESTS, or COMMANDS_NEEDING_SETUP with what they need)',
    );
    const gone = [...needingSetup].filter((route) => !writes.includes(route));
    assert.deepEqual(gone, [], 'COMMANDS_NEEDING_SETUP names routes the service no longer has');
  });

  it('runs examples/requests.sh with curl against a fresh service: every command is taken', async () => {
    const base = app.base.replace('[::1]', '127.0.0.1');
    const { code, output } = await runBash(`BASE='${base}' ./examples/requests.sh`, REPO_ROOT, 120_000);
    assert.equal(code, 0, `examples/requests.sh failed:\n${output}`);
    const answers = output.split('\n').filter((line) => line.startsWith('{'));
    assert.equal(answers.length, EXAMPLE_REQUESTS.length, `one JSON answer per request:\n${output}`);
  });
});

/** `/orders/o-1001/captures` as the documented route it is sent to: `/orders/{orderId}/captures`. */
function templateOf(path: string, routes: string[]): string {
  const segments = path.split('/');
  const match = routes
    .map((route) => route.slice(route.indexOf(' ') + 1))
    .sort((a, b) => a.split('{').length - b.split('{').length)
    .find((route) => {
      const parts = route.split('/');
      return parts.length === segments.length && parts.every((part, index) => part.startsWith('{') || part === segments[index]);
    });
  return match ?? path;
}
