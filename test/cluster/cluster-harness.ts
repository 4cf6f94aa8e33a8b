import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { freePort } from '../support/free-port';

/** The service and the protocol endpoint as `npm start` and `npm run esdb-protocol` run them; this file runs from dist-<x>/test/cluster. */
const MAIN = resolve(__dirname, '..', '..', 'src', 'main.js');
const ESDB_PROTOCOL_CLI = resolve(__dirname, '..', '..', 'src', 'cli', 'esdb-protocol.js');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Distinct free ports on 127.0.0.1 (two asked for at once could otherwise come back equal). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A child process of the test, killed with it; its stderr kept for the failure message. */
class Child {
  private readonly exited: Promise<void>;
  protected stderr = '';

  constructor(
    readonly name: string,
    protected readonly child: ChildProcess,
  ) {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released, as in a crash. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM; SIGKILL if it has not exited within 10 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    // Cleared once it exits: a pending 10 s timer would hold the test's process open that long after its last test.
    const force = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(force);
  }

  protected died(): Error {
    return new Error(`${this.name} exited with ${this.child.exitCode ?? this.child.signalCode}: ${this.stderr}`);
  }
}

/**
 * The EventStoreDB cluster of the deployment, played by the embedded store's EventStoreDB
 * protocol endpoint in a process of its own (the CLI), on a store file created for it.
 */
export class ClusterEndpoint extends Child {
  private constructor(
    child: ChildProcess,
    readonly url: string,
  ) {
    super('esdb-protocol', child);
  }

  static async start(dataDir: string): Promise<ClusterEndpoint> {
    const file = join(dataDir, 'events.sqlite');
    await new SqliteEventStore({ file }).close();
    const [port] = await freePorts(1);
    const child = spawn(process.execPath, [ESDB_PROTOCOL_CLI, '--file', file, '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const endpoint = new ClusterEndpoint(child, `esdb://127.0.0.1:${port}?tls=false`);
    await new Promise<void>((ready, failed) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (line: string) => line.includes('serving') && ready());
      child.once('exit', () => failed(endpoint.died()));
    });
    return endpoint;
  }
}

/** One Ledgerbridge node: `node dist/src/main.js` with its roles, its own DATA_DIR and ports, on the shared EventStoreDB. */
export class ClusterNode extends Child {
  private constructor(
    name: string,
    child: ChildProcess,
    readonly base: string,
    readonly dataDir: string,
  ) {
    super(name, child);
  }

  static async start(name: string, options: { roles: string; eventStoreUrl: string; dataDir: string; env?: Record<string, string> }): Promise<ClusterNode> {
    const [port, grpcPort] = await freePorts(2);
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        ROLES: options.roles,
        EVENTSTORE_URL: options.eventStoreUrl,
        DATA_DIR: options.dataDir,
        PORT: String(port),
        GRPC_PORT: String(grpcPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const node = new ClusterNode(name, child, `http://127.0.0.1:${port}`, options.dataDir);
    await node.ready();
    return node;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    if (!this.running) throw this.died();
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** A write that must succeed. */
  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const answer = await this.request('POST', path, body, headers);
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${this.name} POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** Whether this node runs (`active`) or stands by for a leased work, as its readiness probe says. */
  async leaseRole(work: string): Promise<string | undefined> {
    const ready = await this.request('GET', '/ready').catch(() => undefined);
    // The `node` indicator of the readiness answer (terminus shape), or the plain answer's own fields.
    const node = ready?.body?.details?.node ?? ready?.body;
    return node?.leases?.[work]?.role;
  }

  private async ready(): Promise<void> {
    for (let tries = 0; tries < 1200; tries++) {
      if (!this.running) throw this.died();
      const ok = await fetch(`${this.base}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`${this.name} did not become ready: ${this.stderr}`);
  }
}
