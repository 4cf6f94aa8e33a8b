import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/free-port';
import { backOfficeNiceness } from '../support/process-threads';
import { tempDir } from '../support/temp-dir';

/** dist/src/main.js, next to this file's dist/test/observability: the service as `npm start` runs it. */
const MAIN = resolve(__dirname, '..', '..', 'src', 'main.js');
/** What an operator reads at info on every start: what the service says, not the framework's inventory. */
const INFO_LINES_AT_START = 10;
/** Lines written this long after "listening" (projections and sagas starting in the background) count as the start too. */
const SETTLE_MS = 1500;

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
}

/**
 * Starts the real process on an empty data folder at LOG_LEVEL=debug (so the lines moved to
 * debug can be seen to be there) and reads what it writes until it has been listening for a moment.
 * No request is made meanwhile: a request writes a line of its own.
 */
function startAndRead(dataDir: string, port: number, grpcPort: number): Promise<{ lines: LogLine[]; stderr: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    GRPC_PORT: String(grpcPort),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    NODE_ENV: 'development',
  };
  for (const name of ['EVENTSTORE_URL', 'API_KEYS', 'API_KEYS_FILE', 'AUTH_DISABLED', 'ESDB_PROTOCOL_PORT', 'ERP_TARGETS', 'SHOPIFY_SHOPS', 'OTEL_TRACES_EXPORTER', 'NODE_OPTIONS'])
    delete env[name];
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let stderr = '';
  let pending = '';
  return new Promise((done, fail) => {
    const limit = setTimeout(() => fail(new Error(`no "listening" line within 60 s; stderr:\n${stderr}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const text of complete) {
        if (text.trim() === '') continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        if (line.level === 30 && line.msg?.startsWith('listening:')) {
          clearTimeout(limit);
          setTimeout(() => done({ lines, stderr, child }), SETTLE_MS);
        }
      }
    });
    child.once('exit', (code) => fail(new Error(`the service exited with code ${code} while starting; stderr:\n${stderr}`)));
  });
}

describe('a fresh start of dist/src/main.js on an empty DATA_DIR: its logs and its threads', () => {
  const dir = tempDir('startup-log');
  let start: { lines: LogLine[]; stderr: string; child: ChildProcess };
  before(async () => {
    start = await startAndRead(dir.path, await freePort(), await freePort());
  });
  after(async () => {
    if (start?.child.exitCode === null) {
      const exited = new Promise((done) => start.child.once('exit', done));
      start.child.kill('SIGTERM');
      await exited;
    }
    dir.remove();
  });

  it(`writes at most ${INFO_LINES_AT_START} lines at info, the last of them where it listens`, () => {
    const info = start.lines.filter((line) => line.level === 30).map((line) => `${line.context ?? '-'}: ${line.msg}`);
    assert.ok(info.length <= INFO_LINES_AT_START, `${info.length} lines at info:\n${info.join('\n')}`);
    assert.ok(
      info.some((line) => line.includes('listening: HTTP 127.0.0.1:')),
      info.join('\n'),
    );
  });

  it("writes Nest's module and route lines at debug, not at info", () => {
    const routes = start.lines.filter((line) => line.context === 'RouterExplorer');
    assert.ok(routes.length > 50, `expected every route mapped at debug, found ${routes.length}`);
    assert.ok(
      routes.every((line) => line.level === 20),
      'route mappings at debug',
    );
    const framework = start.lines.filter(
      (line) => line.level === 30 && ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestMicroservice'].includes(line.context ?? ''),
    );
    assert.deepEqual(framework, []);
  });

  it('prints no warning but the one it means (no API keys), and nothing on stderr (no deprecation)', () => {
    const warnings = start.lines.filter((line) => line.level >= 40).map((line) => `${line.context ?? '-'}: ${line.msg}`);
    assert.deepEqual(warnings, ['Access: no API keys configured: every request acts as local-dev with every scope (see docs/operations.md, "Access control: API keys")']);
    assert.equal(start.stderr, '', 'stderr');
  });

  it('runs the back office, the projection thread (lb-projections) and the saga thread (lb-sagas), 10 below the priority of the rest of the service (BACK_OFFICE_NICENESS)', () => {
    const { expected, main, threads } = backOfficeNiceness(start.child.pid!, 10);
    const names = threads.map((thread) => thread.name).join(', ');
    for (const name of ['lb-projections', 'lb-sagas']) {
      const backOffice = threads.filter((thread) => thread.name === name);
      assert.equal(backOffice.length, 1, `${name} in ${names}`);
      assert.equal(backOffice[0].niceness, expected, name);
    }
    // The store's writer and checkpoint threads are named for `top -H` (and the commands benchmark's CPU per thread), and do not yield.
    for (const name of ['lb-store-writer', 'lb-checkpoints']) {
      const storeThreads = threads.filter((thread) => thread.name === name);
      assert.equal(storeThreads.length, 1, `${name} in ${names}`);
      assert.equal(storeThreads[0].niceness, main.niceness, name);
    }
    // Only the back office yields: the request loop and the store's writer keep the process's priority.
    assert.deepEqual(
      threads.filter((thread) => !['lb-projections', 'lb-sagas'].includes(thread.name) && thread.niceness !== main.niceness),
      [],
    );
  });
});
