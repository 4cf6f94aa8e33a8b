import { type Frame, readCpuProfile } from './cpu-profile';

/** What a posting-batch close runs on the thread profiled, by the frames on a sample's stack. */
const CLOSE_PARTS = {
  /**
   * The closer's own steps. On the main thread: before 8f8300f reading the read models (the open
   * entries and their lines), since then the command id and its awaits only. The answer's
   * structured clone is read before any JS frame is on the stack, so it is not counted here
   * (about 1.2 ms per 240 entries of the journeys' orders, measured apart).
   */
  closer: (frame: Frame) => /\/projections\/posting-batches\/batch-closer\.js$/.test(frame.url),
  /** The posting-batch actor's decide: composing the batch, hashing each entry. */
  decide: (frame: Frame) => frame.functionName === 'decidePostingBatch' && /\/posting-batch\.decide\.js$/.test(frame.url),
};
type ClosePart = keyof typeof CLOSE_PARTS;

export interface CloseStalls {
  /** Time on the thread with each part on the stack, ms, summed over the windows. */
  ms: Record<ClosePart, number>;
  /** The longest run of samples in a row with a part on the stack: the longest the close held the thread at once, ms. */
  longestMs: number;
  /** Every such run of 2 ms or more, ms, longest first: a close's stretches on the thread. */
  stretchesMs: number[];
}

/**
 * Where size-triggered posting-batch closes held one thread, from a `node --cpu-prof` profile of
 * it, counting only the samples between each window's bounds (monotonic µs, as profileShares):
 * the time under the closer and under the posting-batch decide, and the runs of consecutive
 * samples under either, which is how long the thread's loop waited for them at once (samples are
 * about 1 ms apart, so a run is as precise as that).
 */
export function closeStalls(file: string, windows: ReadonlyArray<[number, number]>): CloseStalls {
  const profile = readCpuProfile(file);
  const partsOf = profile.onStack((frame) => (Object.keys(CLOSE_PARTS) as ClosePart[]).filter((part) => CLOSE_PARTS[part](frame)));
  const us: Record<ClosePart, number> = { closer: 0, decide: 0 };
  const stretches: number[] = [];
  let run = 0;
  const inWindow = (t: number) => windows.some(([from, to]) => t >= from && t <= to);
  for (const { node, atUs, weightUs } of profile.samples) {
    const parts = inWindow(atUs) ? partsOf(node) : new Set<ClosePart>();
    for (const part of parts) us[part] += weightUs;
    if (parts.size > 0) run += weightUs;
    else if (run > 0) {
      stretches.push(run);
      run = 0;
    }
  }
  if (run > 0) stretches.push(run);
  const ms = (x: number) => Math.round(x / 100) / 10;
  stretches.sort((a, b) => b - a);
  return {
    ms: { closer: ms(us.closer), decide: ms(us.decide) },
    longestMs: ms(stretches[0] ?? 0),
    stretchesMs: stretches.filter((x) => x >= 2000).map(ms),
  };
}
