import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/free-port';

/** dist/src/main.js, next to this file's dist/bench/commands. */
const MAIN = resolve(__dirname, '..', '..', 'src', 'main.js');
/** The V8 settings `npm start` (package.json) and the image (Dockerfile) run the app with. */
const APP_NODE_FLAGS = ['--max-semi-space-size=32'];

export interface RunningApp {
  base: string;
  grpcTarget: string;
  /** The app's process id (benchmarks that watch its memory read /proc/<pid>). */
  pid: number;
  /** The app's process, with an IPC channel when started with `ipc` (a preloaded probe answers on it). */
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The real application in its own process (as `npm start` runs it), so load generator and
 * server do not share one event loop: embedded store in `dataDir`, 127.0.0.1 only, no API
 * keys (open mode: no rate limit), warnings and errors logged only. `settings` pin further
 * variables a benchmark depends on, whatever the caller's shell has set; `nodeOptions` go to
 * node before the script (e.g. --cpu-prof, --require of a probe); `ipc` opens an IPC channel to it;
 * `main` runs another build of the app (an earlier commit's dist/src/main.js); `logFile` keeps its
 * log lines (standard output), which are otherwise dropped.
 */
export async function startAppProcess(
  dataDir: string,
  settings: NodeJS.ProcessEnv = {},
  nodeOptions: readonly string[] = [],
  { ipc = false, main = MAIN, logFile }: { ipc?: boolean; main?: string | undefined; logFile?: string } = {},
): Promise<RunningApp> {
  const [port, grpcPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    GRPC_PORT: String(grpcPort),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  // The embedded store and open access, whatever the caller's shell has configured.
  for (const name of ['EVENTSTORE_URL', 'API_KEYS', 'API_KEYS_FILE', 'AUTH_DISABLED', 'ESDB_PROTOCOL_PORT']) delete env[name];
  Object.assign(env, settings);
  const log = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, ...nodeOptions, main], {
    env,
    stdio: ipc ? ['ignore', log, 'inherit', 'ipc'] : ['ignore', log, 'inherit'],
  });
  if (typeof log === 'number') closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  await untilReady(base, child);
  return { base, grpcTarget: `127.0.0.1:${grpcPort}`, pid: child.pid!, child, stop: () => stop(child) };
}

async function untilReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} while starting`);
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the app was not ready within 30 s');
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
