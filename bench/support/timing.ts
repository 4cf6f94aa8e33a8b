/** Seconds taken by `run`, on the monotonic clock so wall-clock adjustments cannot skew a rate. */
export async function timeSeconds(run: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** One human-readable result line; every benchmark prints its measurements the same way. */
export function report(label: string, count: number, unit: string, seconds: number): number {
  const rate = count / seconds;
  console.log(`${label}: ${count} ${unit} in ${seconds.toFixed(2)} s -> ${Math.round(rate)} ${unit}/s`);
  return rate;
}

/** Highest resident set size of this process so far; resourceUsage reports it in KiB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
