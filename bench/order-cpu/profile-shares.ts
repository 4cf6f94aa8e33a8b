import { type Frame, readCpuProfile } from './cpu-profile';

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

function frameName({ functionName, url, lineNumber }: Frame): string {
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
  const profile = readCpuProfile(file);
  const areasOf = profile.onStack((frame) => AREAS.filter(([, pattern]) => pattern.test(frame.url)).map(([area]) => area));
  const self = new Map<string, number>();
  const inArea = new Map<string, number>();
  let busyUs = 0;
  for (const { node, frame, atUs, weightUs } of profile.samples) {
    if (atUs < fromUs || atUs > toUs || frame.functionName === '(idle)') continue;
    busyUs += weightUs;
    const name = frameName(frame);
    self.set(name, (self.get(name) ?? 0) + weightUs);
    for (const area of areasOf(node)) inArea.set(area, (inArea.get(area) ?? 0) + weightUs);
  }
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
