import { StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import type { IndexSnapshot, InstanceIndex, SavedInstance } from './instance-index';

const SAVED = 'SagaIndexSaved';
/** The single-event snapshots of earlier versions: read as a base, never written. */
const LEGACY_SNAPSHOT = 'SagaIndexSnapshotTaken';
/**
 * Bytes of instance records per event. EventStoreDB refuses appends over 1 MiB, and one record
 * (an instance parked with a large input) can be large itself: half of it leaves room for one.
 */
const PART_BYTES = 512 * 1024;
/** A base is written again once the changes saved since the last one hold this many records, or as many as the index. */
const MIN_CHANGES_PER_BASE = 1000;
/** Events read per page when looking back for the last complete base. */
const LOAD_PAGE = 16;

/**
 * One event of `sagaindex-<name>`: part `part` of `parts` of one save. A `base` save holds every
 * unfinished instance at `position`; a `changes` save the instances changed since the save
 * before it and those that left the index. A save counts only once all its parts are stored.
 */
interface SavedPart {
  kind: 'base' | 'changes';
  position: string;
  completed: number;
  part: number;
  parts: number;
  instances: SavedInstance[];
  removed: string[];
}

interface Save {
  kind: 'base' | 'changes';
  position: string;
  completed: number;
  instances: SavedInstance[];
  removed: string[];
  /** A snapshot of an earlier version: replaced by a base of this one at the first save, which drops them all. */
  legacy?: boolean;
}

/**
 * The instance index of one saga, saved in `sagaindex-<name>` (outside the `saga-<name>-`
 * prefix, so it is never taken for an instance) so that start-up reads it and only the saga
 * events after it: its cost follows the unfinished instances and recent activity, not how many
 * instances ever finished.
 *
 * Saves grow with the changes, not the index: each save appends only what changed since the
 * last one. Once the changes saved since the last base hold as many records as the index (at
 * least MIN_CHANGES_PER_BASE), the whole index is saved again as a new base and everything
 * before it is dropped (`truncateStream`): the stream holds about twice the index at most, and
 * every record is written about twice, whatever the history. Every append stays under
 * EventStoreDB's 1 MiB limit (records are split into parts of PART_BYTES).
 */
export class IndexSnapshots {
  private readonly streamId: string;
  private revision: number | 'no_stream' = 'no_stream';
  /** Records saved as changes since the last base; undefined when no stored base is known, so the next save writes one. */
  private sinceBase: number | undefined;

  constructor(
    private readonly store: EventStore,
    sagaName: string,
  ) {
    this.streamId = `sagaindex-${sagaName}`;
  }

  /** Restores the index from the last complete base and the complete changes after it; false when there is none. */
  async load(index: InstanceIndex): Promise<boolean> {
    const stored = await this.sinceLastBase();
    const baseAt = stored.findLastIndex((save) => save.kind === 'base');
    if (baseAt < 0) return false;
    const [base, ...changes] = stored.slice(baseAt);
    index.restore(base);
    for (const change of changes) index.applyChanges({ position: change.position, completed: change.completed, changed: change.instances, removed: change.removed });
    this.sinceBase = base.legacy ? undefined : changes.reduce((records, change) => records + change.instances.length + change.removed.length, 0);
    return true;
  }

  /** Saves what changed since the last save, or the whole index when a new base is due. */
  async save(index: InstanceIndex): Promise<void> {
    try {
      if (this.sinceBase === undefined) return await this.saveBase(index);
      const changes = index.takeChanges();
      if (!changes) return;
      const records = changes.changed.length + changes.removed.length;
      if (this.sinceBase + records > Math.max(index.size, MIN_CHANGES_PER_BASE)) return await this.saveBase(index);
      await this.append('changes', changes.position, changes.completed, changes.changed, changes.removed);
      this.sinceBase += records;
    } catch (error) {
      // Changes taken but maybe not stored: only a whole base is sure to hold them.
      this.sinceBase = undefined;
      throw error;
    }
  }

  private async saveBase(index: InstanceIndex): Promise<void> {
    const snapshot = index.snapshot();
    if (!snapshot) return;
    const firstRevision = await this.append('base', snapshot.position, snapshot.completed, snapshot.instances, []);
    this.sinceBase = 0;
    await this.store.truncateStream?.(this.streamId, firstRevision);
  }

  /** Appends one save, a part per append; answers the revision of its first part. */
  private async append(kind: SavedPart['kind'], position: string, completed: number, instances: SavedInstance[], removed: string[]): Promise<number> {
    const parts = partsOf(instances, removed);
    let first: number | undefined;
    for (const [part, content] of parts.entries()) {
      const data: SavedPart = { kind, position, completed, part, parts: parts.length, ...content };
      let appended;
      try {
        appended = await this.store.appendToStream(this.streamId, [{ eventId: crypto.randomUUID(), type: SAVED, data }], { expectedRevision: this.revision });
      } catch (error) {
        // Another writer saved since (a node that ran the saga before a take-over): the save
        // fails, and the next one, a whole base, goes after what that writer left.
        if (error instanceof WrongExpectedRevisionError) this.revision = error.actual;
        throw error;
      }
      this.revision = appended.nextExpectedRevision;
      first ??= appended.nextExpectedRevision;
    }
    return first!;
  }

  /**
   * The complete saves from the last complete base on, read back from the end of the stream
   * page by page (a stream written by earlier versions may hold many large snapshots: only the
   * last is read). Saves cut short by a crash are left out.
   */
  private async sinceLastBase(): Promise<Save[]> {
    let events: RecordedEvent[] = [];
    let from: number | undefined;
    for (;;) {
      let page: RecordedEvent[];
      try {
        page = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: LOAD_PAGE, ...(from === undefined ? {} : { fromRevision: from }) });
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      if (from === undefined && page[0]) this.revision = page[0].revision;
      events = [...page.reverse(), ...events];
      const saves = completeSaves(events);
      const baseAt = saves.findLastIndex((save) => save.kind === 'base');
      const oldest = events[0]?.revision ?? 0;
      if (baseAt >= 0 || page.length < LOAD_PAGE || oldest === 0) return baseAt >= 0 ? saves.slice(baseAt) : [];
      from = oldest - 1;
    }
  }
}

/** Records split so that no part's JSON passes PART_BYTES (a record larger than that goes alone). */
function partsOf(instances: SavedInstance[], removed: string[]): Array<Pick<SavedPart, 'instances' | 'removed'>> {
  const parts: Array<Pick<SavedPart, 'instances' | 'removed'>> = [];
  let current: Pick<SavedPart, 'instances' | 'removed'> = { instances: [], removed: [] };
  let bytes = 0;
  const room = (size: number) => {
    if (bytes > 0 && bytes + size > PART_BYTES) {
      parts.push(current);
      current = { instances: [], removed: [] };
      bytes = 0;
    }
    bytes += size;
  };
  for (const instance of instances) {
    room(JSON.stringify(instance).length + 1);
    current.instances.push(instance);
  }
  for (const instanceId of removed) {
    room(instanceId.length + 3);
    current.removed.push(instanceId);
  }
  parts.push(current);
  return parts;
}

/** The saves whose parts are all there, oldest first; a legacy snapshot is a base of one part. */
function completeSaves(events: RecordedEvent[]): Save[] {
  const saves: Save[] = [];
  let open: (Save & { next: number; parts: number }) | undefined;
  for (const event of events) {
    if (event.type === LEGACY_SNAPSHOT) {
      const legacy = event.data as IndexSnapshot;
      saves.push({ kind: 'base', position: legacy.position, completed: legacy.completed, instances: legacy.instances, removed: [], legacy: true });
      open = undefined;
      continue;
    }
    if (event.type !== SAVED) continue;
    const part = event.data as SavedPart;
    if (part.part === 0) {
      open = { kind: part.kind, position: part.position, completed: part.completed, instances: [], removed: [], next: 0, parts: part.parts };
    }
    if (!open || part.part !== open.next || part.position !== open.position || part.kind !== open.kind) {
      open = undefined;
      continue;
    }
    open.instances = open.instances.concat(part.instances);
    open.removed = open.removed.concat(part.removed);
    open.next += 1;
    if (open.next === open.parts) {
      const { next: _next, parts: _parts, ...save } = open;
      saves.push(save);
      open = undefined;
    }
  }
  return saves;
}
