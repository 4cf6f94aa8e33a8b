import { parseArgs } from 'node:util';
import { type ClusterOptions, type ClusterRun, runCluster } from '../test/cluster/cluster-scenario';

/**
 * The multi-node scenario of issue 17 (test/cluster/cluster-scenario.ts: real processes on the
 * embedded store's EventStoreDB protocol endpoint; SIGKILL of the active saga node), run
 * `--runs` times, each with every check; prints each run's figures and a summary. A failed run
 * prints why and makes the exit code 1. `npm test` runs the small topology once.
 */
export async function clusterBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '5' },
      orders: { type: 'string', default: '40' },
      'lease-timeout': { type: 'string', default: '3s' },
      topology: { type: 'string', default: 'full' },
    },
  });
  const runs = Number(values.runs);
  const topology = values.topology as ClusterOptions['topology'];
  if (topology !== 'full' && topology !== 'small') throw new Error(`--topology must be full or small, got ${String(topology)}`);
  const passed: ClusterRun[] = [];
  const failures: string[] = [];
  for (let run = 1; run <= runs; run++) {
    try {
      const figures = await runCluster({
        topology,
        orders: Number(values.orders),
        leaseTimeout: values['lease-timeout'],
        log: (line) => console.log(`cluster run ${run}: ${line}`),
      });
      passed.push(figures);
      console.log(JSON.stringify({ run, ...figures }));
    } catch (error) {
      failures.push(`run ${run}: ${(error as Error).message}`);
      console.log(`cluster run ${run}: FAILED: ${(error as Error).stack ?? String(error)}`);
    }
  }
  const takeOvers = passed.map((run) => Number(run.takeOverSeconds.toFixed(2)));
  console.log(
    JSON.stringify({
      bench: 'cluster',
      topology,
      runs,
      passed: passed.length,
      leaseTimeoutSeconds: passed[0]?.leaseTimeoutSeconds ?? null,
      takeOverSeconds: takeOvers,
      maxTakeOverSeconds: takeOvers.length ? Math.max(...takeOvers) : null,
      takeOversWithinLeaseTimeout: passed.filter((run) => run.takeOverSeconds <= run.leaseTimeoutSeconds).length,
      runSeconds: passed.map((run) => Number(run.seconds.toFixed(1))),
      failures,
    }),
  );
  if (failures.length > 0) process.exitCode = 1;
}
