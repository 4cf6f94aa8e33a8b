import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../../test/support/temp-dir';

/** bench/peers/emmett in the source tree; this file runs from dist/bench/journeys. */
const PEER_DIR = resolve(__dirname, '..', '..', '..', 'bench', 'peers', 'emmett');
/** What `npm ci` there leaves when it worked: the packages and the compiled driver. */
const INSTALLED = [
  'node_modules/@event-driven-io/emmett/package.json',
  'node_modules/@event-driven-io/emmett-sqlite/package.json',
  'node_modules/sqlite3/build/Release/node_sqlite3.node',
];
/** The sqlite3 driver compiles from source: minutes on a small machine. */
const INSTALL_LIMIT_MS = 15 * 60_000;
/** What is kept of a child's output to say why it failed. */
const OUTPUT_TAIL = 20_000;

export type PeerMode = 'shipped' | 'fifo';

export interface PeerOptions {
  n: number;
  concurrency: number;
  mode: PeerMode;
  warmUp: number;
  retryBusy: boolean;
  /** Start no journey after this many seconds. */
  maxSeconds?: number;
}

/** The peer's own report (bench/peers/emmett/journeys.mjs), or why there is none. */
export type PeerRun = { ok: true; report: Record<string, any> } | { ok: false; why: string };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs a command to its end, keeping the tail of what it printed; a run past `limitMs` is killed. */
function run(command: string, args: string[], options: { cwd: string; limitMs: number }): Promise<Exit> {
  return new Promise((done) => {
    let output = '';
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const limit = setTimeout(() => child.kill('SIGKILL'), options.limitMs);
    child.on('error', (error) => {
      clearTimeout(limit);
      done({ code: null, signal: null, output: `${output}${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      done({ code, signal, output });
    });
  });
}

/** How it ended, and its first error lines (npm's and node-gyp's), else its last lines. */
function whyFailed(exit: Exit): string {
  const ended = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  const lines = exit.output.trim().split('\n');
  const errors = lines.filter((l) => /^(npm error|gyp ERR!)/.test(l) && !l.includes('complete log')).slice(0, 4);
  return `${ended}: ${(errors.length > 0 ? errors : lines.slice(-5)).join(' | ')}`;
}

/**
 * Installs the peer on first use: `npm ci` in bench/peers/emmett, from its own package-lock.json
 * into its own (git-ignored) node_modules, so the project's install never carries it. Resolves
 * with why it could not (no registry, no compiler for sqlite3), or undefined when it is ready.
 */
export async function installPeer(): Promise<string | undefined> {
  if (INSTALLED.every((file) => existsSync(join(PEER_DIR, file)))) return undefined;
  console.log(`journeys: installing the Emmett peer (npm ci in ${PEER_DIR}; sqlite3 compiles from source, a few minutes)`);
  const exit = await run('npm', ['ci', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: PEER_DIR, limitMs: INSTALL_LIMIT_MS });
  if (exit.code === 0 && INSTALLED.every((file) => existsSync(join(PEER_DIR, file)))) return undefined;
  return `npm ci in ${PEER_DIR} failed (${whyFailed(exit)})`;
}

/** One configuration of the peer in a child process of its own (its driver never shares our process), on a fresh database. */
export async function runPeer(options: PeerOptions): Promise<PeerRun> {
  const dir = tempDir('bench-journeys-peer');
  try {
    const out = join(dir.path, 'report.json');
    const args = [
      join(PEER_DIR, 'journeys.mjs'),
      ...['--n', String(options.n), '--c', String(options.concurrency), '--mode', options.mode, '--warm-up', String(options.warmUp)],
      ...['--db', join(dir.path, 'peer.db'), '--out', out],
      ...(options.retryBusy ? ['--retry-busy'] : []),
      ...(options.maxSeconds !== undefined ? ['--max-seconds', String(options.maxSeconds)] : []),
    ];
    // A generous limit only: as shipped at C=100 one command can wait out busy handlers for tens of seconds.
    const exit = await run(process.execPath, args, { cwd: PEER_DIR, limitMs: 4 * 3600_000 });
    if (exit.code !== 0 || !existsSync(out)) return { ok: false, why: `the peer failed (${whyFailed(exit)})` };
    return { ok: true, report: JSON.parse(readFileSync(out, 'utf8')) };
  } finally {
    dir.remove();
  }
}
