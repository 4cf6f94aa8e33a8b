import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShares {
  /** Busy (not idle) time of the thread inside the window, ms. */
  busyMs: number;
  /** Functions by self time, as a share of busy time. */
  top: Array<{ frame: string; share: number }>;
  /** Time with a frame of each area anywhere on the stack, as a share of busy time. */
  areas: Array<{ area: string; share: number }>;
}

/**
 * Areas a stack can be under: the code of one library or folder, by the script's path. A
 * sample counts once for each area on its stack, so these add up to more than 100%.
 */
const AREAS: Array<[string, RegExp]> = [
  ['sagas/', /\/sagas\//],
  ['projections/', /\/projections\//],
  ['src/event-store/', /\/src\/event-store\//],
  ['src/runtime/', /\/src\/runtime\//],
  ['src/order/', /\/src\/order\//],
  ['src/edge/ src/access/ src/idempotency/ src/errors/ src/transport/', /\/src\/(edge|access|idempotency|errors|transport)\//],
  ['src/observability/', /\/src\/observability\//],
  ['pino', /node_modules\/(pino|pino-http|pino-std-serializers|sonic-boom)\//],
  ['class-validator', /node_modules\/class-validator\//],
  ['class-transformer', /node_modules\/class-transformer\//],
  ['fastify', /node_modules\/(fastify|@fastify|light-my-request|find-my-way|avvio)\//],
  ['@nestjs', /node_modules\/@nestjs\//],
  ['@grpc', /node_modules\/@grpc\//],
  ['better-sqlite3', /node_modules\/better-sqlite3\//],
  ['rxjs', /node_modules\/rxjs\//],
];

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const name = functionName || '(anonymous)';
  if (SPECIAL.has(name) || url === '') return name;
  const short = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist[^/]*\//, '');
  return `${name} ${short}:${lineNumber + 1}`;
}

/**
 * Where one thread's time went, from a `node --cpu-prof` profile, counting only the samples
 * taken between `fromUs` and `toUs` (the monotonic clock, in µs: what V8 stamps profiles with
 * on Linux, and process.hrtime on any process of the machine), so start-up is left out.
 */
export function profileShares(file: string, fromUs: number, toUs: number, topCount = 25): ProfileShares {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const areasOf = new Map<number, string[]>();
  const areasOfNode = (id: number): string[] => {
    let areas = areasOf.get(id);
    if (areas) return areas;
    const own = AREAS.filter(([, pattern]) => pattern.test(byId.get(id)!.callFrame.url)).map(([area]) => area);
    const up = parent.get(id);
    areas = [...new Set([...own, ...(up === undefined ? [] : areasOfNode(up))])];
    areasOf.set(id, areas);
    return areas;
  };

  const self = new Map<string, number>();
  const inArea = new Map<string, number>();
  let busyUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    // A sample stands for the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? delta;
    busyUs += weight;
    const frame = frameName(node.callFrame);
    self.set(frame, (self.get(frame) ?? 0) + weight);
    for (const area of areasOfNode(id)) inArea.set(area, (inArea.get(area) ?? 0) + weight);
  });
  const share = (us: number) => Math.round((1000 * us) / Math.max(busyUs, 1)) / 10;
  return {
    busyMs: Math.round(busyUs / 1000),
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topCount)
      .map(([frame, us]) => ({ frame, share: share(us) })),
    areas: [...inArea].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, share: share(us) })),
  };
}
