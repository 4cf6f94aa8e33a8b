import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { applyEvents, CATCH_UP_BATCH } from './apply-events';
import { correctedHistory, EventCorrections } from './event-corrections';
import type { Projection } from './projection';
import type { Generation, ProjectionDatabase } from './projection-database';
import { describeHalt } from './projection-halt';

export interface RebuildOptions {
  /**
   * `when-equal`: an audit rebuild, switched to only if it reproduces the live rows exactly.
   * `always`: the projection's code changed (a new version), so differences are expected.
   */
  switchOver: 'when-equal' | 'always';
  pageSize?: number;
}

export interface RebuildReport {
  projection: string;
  liveGeneration: number;
  rebuiltGeneration: number;
  /** The position both generations had reached when they were compared. */
  checkpoint: string | null;
  eventsApplied: number;
  /** null when the live generation is another version of the projection: its tables need not be this version's, so there is nothing to compare. */
  liveHash: string | null;
  rebuiltHash: string;
  equal: boolean;
  /** Tables whose rows differ, so a mismatch says where to look. */
  differingTables: string[];
  switched: boolean;
}

/**
 * Why a rebuild of `projection` would verify nothing, or undefined. No verifier reports a match
 * it did not compute: on an empty log, or against a live generation that applied none of the
 * log's events (halted at its first), both sides are empty and hash the same.
 */
export async function nothingToVerify(log: EventStore, db: ProjectionDatabase, projection: Projection): Promise<string | undefined> {
  const [head] = await log.readAll({ direction: 'backwards', maxCount: 1, ...(projection.filter ? { filter: projection.filter } : {}) });
  if (!head) return `the log holds no event projection ${projection.name} reads: nothing to verify`;
  if ((db.liveGeneration(projection.name)?.checkpoint ?? null) === null) {
    const halt = db.halt(projection.name);
    return `projection ${projection.name} has applied none of the log's events${halt ? `: ${describeHalt(halt)}` : ' yet'}; nothing to compare`;
  }
  return undefined;
}

/**
 * Projects from position 0 into a fresh generation while the live one keeps serving (and
 * keeps following the log), until both stand at the same checkpoint; then compares them by
 * hash and switches readers over in one transaction. The comparison and the switch run
 * without awaiting anything, so no live event can land in between. Events are read as the live
 * runner reads them, corrections included; one the projection cannot apply fails the rebuild
 * with EventNotApplied (the live generation stays).
 */
export async function rebuildProjection(log: EventStore, db: ProjectionDatabase, projection: Projection, options: RebuildOptions): Promise<RebuildReport> {
  const pageSize = options.pageSize ?? CATCH_UP_BATCH;
  const store = correctedHistory(log, await EventCorrections.load(log));
  // Indexes are built once, over the rebuilt rows, before they are compared (projection-database.ts).
  const rebuilt = db.createGeneration(projection, false, 'later');
  let eventsApplied = 0;
  try {
    for (;;) {
      const live = db.liveGeneration(projection.name);
      if (!live) throw new Error(`projection ${projection.name} has no live generation to rebuild`);
      const built = db.generation(projection.name, rebuilt.generation)!.checkpoint;
      const target = live.checkpoint;
      if (built === target) {
        db.createIndexes(projection, rebuilt.generation);
        return compareAndSwitch(db, projection, live, rebuilt.generation, target, eventsApplied, options);
      }
      if (target === null || (built !== null && built > target)) {
        throw new Error(`projection ${projection.name}: rebuild passed the live checkpoint ${String(target)}`);
      }
      const page = await store.readAll({ fromPosition: built ?? 0n, maxCount: pageSize, ...(projection.filter ? { filter: projection.filter } : {}) });
      const upToLive = page.filter((e) => (built === null || e.globalPosition > built) && e.globalPosition <= target);
      if (upToLive.length === 0) throw new Error(`projection ${projection.name}: the log ends before the live checkpoint ${target}`);
      eventsApplied += applyEvents(db, projection, rebuilt.generation, upToLive);
    }
  } catch (error) {
    db.dropGeneration(projection, rebuilt.generation);
    throw error;
  }
}

function compareAndSwitch(
  db: ProjectionDatabase,
  projection: Projection,
  live: Generation,
  rebuiltGeneration: number,
  checkpoint: GlobalPosition | null,
  eventsApplied: number,
  options: RebuildOptions,
): RebuildReport {
  const liveGeneration = live.generation;
  // A previous version's generation may lack this version's tables or columns: hashing it by this
  // version's definition would fail, and a version change is expected to differ anyway.
  const comparable = live.version === projection.version;
  const liveHash = comparable ? db.hash(projection, liveGeneration) : null;
  const rebuiltHash = db.hash(projection, rebuiltGeneration);
  const equal = liveHash === rebuiltHash;
  // Equal overall hashes mean equal tables: only a mismatch is worth reading every table again.
  const differingTables =
    equal || !comparable
      ? []
      : projection.tables
          .map((t) => t.name)
          .filter((table) => db.hash(projection, liveGeneration, [table]) !== db.hash(projection, rebuiltGeneration, [table]))
          .sort();
  const switched = equal || options.switchOver === 'always';
  if (switched) db.switchTo(projection, rebuiltGeneration);
  else db.dropGeneration(projection, rebuiltGeneration);
  return {
    projection: projection.name,
    liveGeneration,
    rebuiltGeneration,
    checkpoint: checkpoint === null ? null : checkpoint.toString(),
    eventsApplied,
    liveHash,
    rebuiltHash,
    equal,
    differingTables,
    switched,
  };
}
