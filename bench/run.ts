import { busyDayBench } from './busy-day.bench';
import { clusterBench } from './cluster.bench';
import { commandsBench } from './commands.bench';
import { deliveryBench } from './delivery.bench';
import { fuzzBench } from './fuzz.bench';
import { journeysBench } from './journeys.bench';
import { killsBench } from './kills.bench';
import { limitsBench } from './limits.bench';
import { orderCpuBench } from './order-cpu.bench';
import { projectionsBench } from './projections.bench';
import { soakBench } from './soak.bench';
import { storeBench } from './store.bench';

/**
 * Benchmarks by the name given on the command line, in the order "run all" uses. The arguments
 * after the name go to the benchmark (`npm run bench -- journeys --n 300`).
 */
const BENCHMARKS = new Map<string, (args: string[]) => Promise<void>>([
  ['store', storeBench],
  ['commands', commandsBench],
  ['projections', projectionsBench],
  ['busy-day', busyDayBench],
  ['journeys', journeysBench],
  ['limits', limitsBench],
  ['cluster', clusterBench],
  ['delivery', deliveryBench],
  ['order-cpu', orderCpuBench],
  ['soak', soakBench],
  ['fuzz', fuzzBench],
  ['kills', killsBench],
]);

async function main(name: string | undefined, args: string[]): Promise<number> {
  if (name !== undefined && !BENCHMARKS.has(name)) {
    console.error(`unknown benchmark "${name}"; known benchmarks: ${[...BENCHMARKS.keys()].join(', ')}`);
    return 2;
  }
  const selected = name === undefined ? [...BENCHMARKS.values()] : [BENCHMARKS.get(name)!];
  for (const bench of selected) await bench(args);
  return 0;
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
