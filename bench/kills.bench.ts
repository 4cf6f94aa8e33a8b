import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The crash tests of `npm test`, each of which SIGKILLs a real process at random points: run once there, repeated here. */
const KILL_TESTS = [
  { name: 'store crash during appends', file: 'crash/kill-during-append.test.js' },
  { name: 'projection kill under load', file: 'projections/runner/projection-kill.test.js' },
  { name: 'saga restart on every path', file: 'sagas/host/saga-restart.test.js' },
  { name: 'ERP delivery kill between send and acknowledgement', file: 'erp/delivery/delivery-kill.test.js' },
] as const;

interface Run {
  passed: boolean;
  seconds: number;
  /** The runner's output of a failed run: what failed and why. */
  output: string;
}

function runTestFile(file: string): Promise<Run> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--test', '--test-timeout=300000', resolve(__dirname, '..', 'test', file)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      const passed = code === 0 && /^# fail 0$/m.test(output) && !/^# pass 0$/m.test(output);
      done({ passed, seconds: (performance.now() - started) / 1000, output: passed ? '' : output });
    });
  });
}

/**
 * Issue 11's crash bar ("pass 10/10"): each kill test run `--runs` times (default 10), one run at
 * a time so that no run competes with another for the two cores, the tests in turn (`--only
 * <substring>` picks some). Prints each run's result and seconds, a failed run's output, and a
 * summary line; any failed run makes the exit code 1. About 15 minutes at 10 runs on the 2-core
 * machine. Run it after `npm run build`, with nothing else running.
 */
export async function killsBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '10' }, only: { type: 'string' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const tests = KILL_TESTS.filter((test) => values.only === undefined || test.name.includes(values.only) || test.file.includes(values.only));
  if (tests.length === 0) throw new Error(`--only ${values.only} matches none of: ${KILL_TESTS.map((test) => test.name).join(', ')}`);
  const results = [];
  for (const test of tests) {
    const seconds: number[] = [];
    let passed = 0;
    for (let run = 1; run <= runs; run++) {
      const outcome = await runTestFile(test.file);
      seconds.push(Number(outcome.seconds.toFixed(1)));
      if (outcome.passed) passed++;
      console.log(`${test.name}: run ${run} ${outcome.passed ? 'passed' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s`);
      if (!outcome.passed) console.log(outcome.output);
    }
    console.log(`${test.name}: ${passed}/${runs}`);
    results.push({ test: test.name, file: `test/${test.file.replace(/\.js$/, '.ts')}`, runs, passed, seconds });
  }
  console.log(JSON.stringify({ bench: 'kills', results }));
  if (results.some((result) => result.passed < result.runs)) process.exitCode = 1;
}
