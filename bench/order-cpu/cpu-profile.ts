import { readFileSync } from 'node:fs';

export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}

/** One sample of a `node --cpu-prof` profile: its stack's leaf, when it was taken, and the time it stands for. */
export interface Sample {
  node: number;
  frame: Frame;
  /** The monotonic clock, µs: what V8 stamps profiles with on Linux, and process.hrtime on any process of the machine. */
  atUs: number;
  /** Until the next sample. */
  weightUs: number;
}

export interface ThreadProfile {
  samples: Sample[];
  /**
   * What `tags` finds on a node's frame and on every frame above it, worked out once per node:
   * a sample counts for each tag anywhere on its stack.
   */
  onStack<T>(tags: (frame: Frame) => readonly T[]): (node: number) => ReadonlySet<T>;
}

/** One thread's `node --cpu-prof` profile, its samples in order. */
export function readCpuProfile(file: string): ThreadProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let at = profile.startTime;
  const samples = profile.samples.map((id, i): Sample => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    return { node: id, frame: byId.get(id)!.callFrame, atUs: at, weightUs: profile.timeDeltas[i + 1] ?? delta };
  });
  return {
    samples,
    onStack<T>(tags: (frame: Frame) => readonly T[]) {
      const found = new Map<number, Set<T>>();
      const of = (id: number): Set<T> => {
        let set = found.get(id);
        if (set) return set;
        const up = parent.get(id);
        set = new Set([...tags(byId.get(id)!.callFrame), ...(up === undefined ? [] : of(up))]);
        found.set(id, set);
        return set;
      };
      return of;
    },
  };
}
