import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** What a posting-batch close runs on the thread profiled, by the frames on a sample's stack. */
const CLOSE_PARTS = {
  /**
   * The closer's own steps. On the main thread: before 8f8300f reading the read models (the open
   * entries and their lines), since then the command id and its awaits only. The answer's
   * structured clone is read before any JS frame is on the stack, so it is not counted here
   * (about 1.2 ms per 240 entries of the journeys' orders, measured apart).
   */
  closer: (frame: ProfileNode['callFrame']) => /\/projections\/posting-batches\/batch-closer\.js$/.test(frame.url),
  /** The posting-batch actor's decide: composing the batch, hashing each entry. */
  decide: (frame: ProfileNode['callFrame']) => frame.functionName === 'decidePostingBatch' && /\/posting-batch\.decide\.js$/.test(frame.url),
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
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partsOf = new Map<number, Set<ClosePart>>();
  const partsOfNode = (id: number): Set<ClosePart> => {
    let parts = partsOf.get(id);
    if (parts) return parts;
    const up = parent.get(id);
    parts = new Set(up === undefined ? [] : partsOfNode(up));
    for (const [part, matches] of Object.entries(CLOSE_PARTS) as Array<[ClosePart, (typeof CLOSE_PARTS)[ClosePart]]>) if (matches(byId.get(id)!.callFrame)) parts.add(part);
    partsOf.set(id, parts);
    return parts;
  };

  const us: Record<ClosePart, number> = { closer: 0, decide: 0 };
  const stretches: number[] = [];
  let run = 0;
  let at = profile.startTime;
  const inWindow = (t: number) => windows.some(([from, to]) => t >= from && t <= to);
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const parts = inWindow(at) ? partsOfNode(id) : new Set<ClosePart>();
    for (const part of parts) us[part] += weight;
    if (parts.size > 0) run += weight;
    else if (run > 0) {
      stretches.push(run);
      run = 0;
    }
  });
  if (run > 0) stretches.push(run);
  const ms = (x: number) => Math.round(x / 100) / 10;
  stretches.sort((a, b) => b - a);
  return {
    ms: { closer: ms(us.closer), decide: ms(us.decide) },
    longestMs: ms(stretches[0] ?? 0),
    stretchesMs: stretches.filter((x) => x >= 2000).map(ms),
  };
}
