import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../support/free-port';

/** dist-<build>/src/main.js, beside this file's dist-<build>/test/projections. */
const MAIN = resolve(__dirname, '..', '..', '..', 'src', 'main.js');
const START_TIMEOUT_MS = 60_000;

export interface ProjectionStatus {
  projection: string;
  state: string;
  checkpoint: string | null;
  headPosition: string | null;
  eventsBehind: number;
  error?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** The real service (`node dist/src/main.js`) in its own process, as `npm start` runs it. */
export class ServiceProcess {
  readonly exited: Promise<Exit>;

  private constructor(
    readonly base: string,
    private readonly child: ChildProcess,
    stderr: () => string,
  ) {
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal, stderr: stderr() })));
  }

  /** Starts the service on `dataDir` (embedded store, open access, warnings only; `settings` over that) and resolves once /ready answers. */
  static async start(dataDir: string, settings: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
    const service = await ServiceProcess.launch(dataDir, settings);
    await service.untilReady();
    return service;
  }

  /** Starts the service without waiting for it: it may still be booting (and catching up) when this resolves. A PORT in `settings` is kept (a restart at the same address). */
  static async launch(dataDir: string, settings: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
    const [port, grpcPort] = [settings.PORT ?? (await freePort()), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    };
    for (const name of ['EVENTSTORE_URL', 'API_KEYS', 'API_KEYS_FILE', 'AUTH_DISABLED', 'ESDB_PROTOCOL_PORT', 'ERP_TARGETS']) delete env[name];
    Object.assign(env, settings);
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    // A test that times out never reaches its cleanup: the service must not outlive the test process.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new ServiceProcess(`http://127.0.0.1:${port}`, child, () => stderr);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private async untilReady(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) {
        const exit = await this.exited;
        throw new Error(`the service exited (code ${exit.code}, signal ${exit.signal}) while starting:\n${exit.stderr}`);
      }
      if (
        await fetch(`${this.base}/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    this.child.kill('SIGKILL');
    throw new Error(`the service was not ready within ${START_TIMEOUT_MS / 1000} s`);
  }

  async projections(): Promise<ProjectionStatus[]> {
    const response = await fetch(`${this.base}/projections`);
    if (!response.ok) throw new Error(`GET /projections answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { projections: ProjectionStatus[] }).projections;
  }

  async projection(name: string): Promise<ProjectionStatus> {
    const status = (await this.projections()).find((p) => p.projection === name);
    if (!status) throw new Error(`GET /projections does not list ${name}`);
    return status;
  }

  kill(): Promise<Exit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, so the service shuts down as an operator would stop it; SIGKILL if it hangs. */
  async stop(): Promise<Exit> {
    const force = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    this.child.kill('SIGTERM');
    const exit = await this.exited;
    clearTimeout(force);
    return exit;
  }
}
