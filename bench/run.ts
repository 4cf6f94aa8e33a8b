import { commandsBench } from './commands.bench';
import { projectionsBench } from './projections.bench';
import { storeBench } from './store.bench';

/** Benchmarks by the name given on the command line, in the order "run all" uses. */
const BENCHMARKS = new Map<string, () => Promise<void>>([
  ['store', storeBench],
  ['commands', commandsBench],
  ['projections', projectionsBench],
]);

async function main(name: string | undefined): Promise<number> {
  if (name !== undefined && !BENCHMARKS.has(name)) {
    console.error(`unknown benchmark "${name}"; known benchmarks: ${[...BENCHMARKS.keys()].join(', ')}`);
    return 2;
  }
  const selected = name === undefined ? [...BENCHMARKS.values()] : [BENCHMARKS.get(name)!];
  for (const bench of selected) await bench();
  return 0;
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
