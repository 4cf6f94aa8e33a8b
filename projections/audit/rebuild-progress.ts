import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';

/**
 * The same store, telling `onPage` the last position of every page read from the global log:
 * how far a rebuild has come, without the rebuild knowing anyone watches.
 */
export function withReadProgress(store: EventStore, onPage: (position: GlobalPosition) => void): EventStore {
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: async (options) => {
      const page = await store.readAll(options);
      const last = page.at(-1);
      if (last) onPage(last.globalPosition);
      return page;
    },
    subscribeToAll: (options) => store.subscribeToAll(options),
    // Kept when the store has it, so lag reports while a rebuild runs still count in SQL.
    ...(store.countAll ? { countAll: store.countAll.bind(store) } : {}),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

const BAR_WIDTH = 30;

/** `[#########---------------------]  30%`: whole percent, rounded down so 100% means done. */
export function progressBar(done: bigint, total: bigint): string {
  const percent = total === 0n ? 100 : Number(((done > total ? total : done) * 100n) / total);
  const filled = Math.floor((percent * BAR_WIDTH) / 100);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%`;
}

/**
 * Progress of a rebuild toward the live checkpoint: a bar redrawn in place on a terminal, or a
 * plain line at every tenth of the way when the output is a file or a pipe (CI logs).
 */
export class RebuildProgress {
  private lastTenth = -1;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly projection: string,
    private readonly target: GlobalPosition,
  ) {}

  update(position: GlobalPosition): void {
    const reached = position > this.target ? this.target : position;
    const label = `rebuild ${this.projection} ${progressBar(reached, this.target)} position ${reached} of ${this.target}`;
    if (this.out.isTTY) {
      this.out.write(`\r${label}`);
      return;
    }
    const tenth = this.target === 0n ? 10 : Number((reached * 10n) / this.target);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.out.write(`${label}\n`);
  }

  finish(): void {
    this.update(this.target);
    if (this.out.isTTY) this.out.write('\n');
  }
}
