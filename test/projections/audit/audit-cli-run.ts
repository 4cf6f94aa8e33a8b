import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/** The compiled CLI beside the compiled tests. */
const CLI = resolve(__dirname, '..', '..', '..', 'src', 'cli', 'audit.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run audit -- <args>` as an auditor runs it: its own process, pipes (not a terminal) for output. */
export function runAudit(dataDir: string, ...args: string[]): Promise<Run> {
  return runAuditWith({ DATA_DIR: dataDir }, ...args);
}

export function runAuditWith(settings: Record<string, string>, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
  if (!settings.EVENTSTORE_URL) delete env.EVENTSTORE_URL;
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
