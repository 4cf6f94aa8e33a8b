import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** dist/src/cli/erp-sim.js, next to this file's dist/bench/delivery. */
const ERP_SIM = resolve(__dirname, '..', '..', 'src', 'cli', 'erp-sim.js');

export interface SimulatorProcess {
  /** Admin and ledger; SAP on port+1, NetSuite +2, D365 +3. */
  admin: string;
  urls: { sap: string; netsuite: string; d365: string };
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A port whose next three are free too: the simulator listens on all four. */
export async function simulatorPort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all([0, 1, 2, 3].map((offset) => portFree(port + offset)));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no four consecutive free ports found');
}

export function simulatorUrls(port: number): SimulatorProcess['urls'] {
  return { sap: `http://127.0.0.1:${port + 1}`, netsuite: `http://127.0.0.1:${port + 2}`, d365: `http://127.0.0.1:${port + 3}` };
}

/** `npm run erp-sim` in its own process, with the development credentials, SAP confirming to `sapCallbackUrl`. */
export async function startSimulatorProcess(port: number, sapCallbackUrl: string): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [ERP_SIM, '--port', String(port), '--host', '127.0.0.1', '--sap-callback-url', sapCallbackUrl], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const admin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${admin}/admin/faults`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`the ERP simulator exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the ERP simulator did not start within 30 s');
    await sleep(100);
  }
  return {
    admin,
    urls: simulatorUrls(port),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
