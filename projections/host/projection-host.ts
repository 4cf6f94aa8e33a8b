import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventMetadata, type EventStore, type GlobalPosition } from '../../src/event-store/event-store.port';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { eventIdFor } from '../../src/runtime/event-ids';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import { EVENT_CORRECTED, EVENT_CORRECTIONS_STREAM, type EventCorrectedData } from '../runner/event-corrections';
import { ProjectionDatabase } from '../runner/projection-database';
import { haltConcerns, haltView, ProjectionHaltedError } from '../runner/projection-halt';
import type { RebuildReport } from '../runner/projection-rebuild';
import type { BatchCloserReads, Day, SkippedClose } from '../posting-batches/batch-closer';
import { RUNNER_CONTROL, type RunnerControl } from './projection-runners';
import type { EventCorrectionView, ProjectionStatusView } from './projection-status.view';

/** What an operator sends to correct the event a projection is halted at. */
export interface EventCorrection {
  /** The halted event, as GET /projections names it: a halt that moved meanwhile is not corrected blindly. */
  eventId: string;
  data: Record<string, unknown>;
  reason: string;
}

/**
 * The read side as the rest of the service sees it: status, waits, restarts, rebuilds and
 * corrections of every registered projection. The runners themselves run elsewhere (in the
 * service, on the projection thread: ProjectionThread), so nothing here applies events on the
 * caller's thread; it only asks and waits. A projection that fails stops alone and is reported
 * by `status()`: the service keeps taking orders, because the events are safe in the log and
 * the read model catches up once restarted. One halted at an event it cannot apply says which
 * (status, log), and operators correct that event (`correct`) and restart it.
 */
@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  /** What each projection last reported: its lag while the projection thread is down. */
  private readonly lastStatus = new Map<string, ProjectionStatusView>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
    @Inject(RUNNER_CONTROL) private readonly runners: RunnerControl,
  ) {}

  /**
   * Starts every runner without holding up the service: a projection whose version changed is
   * rebuilt before it follows live, and orders must be taken meanwhile. Each live generation
   * exists once this resolves, so views answer (from where they stand) at once.
   */
  onApplicationBootstrap(): Promise<void> {
    return this.runners.start();
  }

  /** Before the event store closes (it does so on application shutdown): runners read from it. */
  async onModuleDestroy(): Promise<void> {
    await this.runners.stop();
  }

  onApplicationShutdown(): void {
    this.db.close();
  }

  /**
   * Stops and starts one projection again, from its committed checkpoint: an operator's way
   * back after a failure whose cause is gone (a full disk, a lock held too long), or after
   * correcting the event it was halted at, without restarting the service. A halted projection
   * answers once it has got past that event or halted again. Undefined for an unknown name.
   */
  restart(name: string): Promise<ProjectionStatusView | undefined> {
    return this.runners.restart(name);
  }

  /**
   * Records a correction of the event projection `name` is halted at (`EventCorrected` in
   * `event-corrections`): every projection and audit rebuild reads the event with this data from
   * then on; the stored event is never rewritten. Refused, writing nothing, when the projection
   * is not halted at that event (409) or could not apply the corrected event either (422).
   * Takes effect at the next restart. Undefined for an unknown name.
   */
  async correct(name: string, correction: EventCorrection, command: { commandId: string; metadata: EventMetadata }): Promise<EventCorrectionView | undefined> {
    if (!this.runners.names.includes(name)) return undefined;
    const halt = await this.runners.halt(name);
    if (!halt) throw new StateConflictError('PROJECTION_NOT_HALTED', `projection ${name} is not halted: there is no event to correct`, { projection: name });
    if (halt.eventId !== correction.eventId) {
      throw new StateConflictError('NOT_THE_HALTED_EVENT', `projection ${name} is halted at event ${halt.eventId}, not ${correction.eventId}`, {
        projection: name,
        haltedAt: halt.eventId,
      });
    }
    const [event] = await this.store.readStream(halt.streamId, { fromRevision: halt.revision, maxCount: 1 });
    const problem = await this.runners.cannotApply(name, { ...event, data: correction.data });
    if (problem !== undefined) {
      throw new BusinessRuleRefusal('CORRECTION_DOES_NOT_APPLY', `projection ${name} could not apply the corrected event either: ${problem}`, { projection: name, error: problem });
    }
    const data: EventCorrectedData = {
      eventId: event.eventId,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: correction.data,
      reason: correction.reason,
      haltedProjection: name,
      error: halt.error,
    };
    const appended = await this.store.appendToStream(
      EVENT_CORRECTIONS_STREAM,
      [{ eventId: eventIdFor(command.commandId, 0), type: EVENT_CORRECTED, data, metadata: command.metadata }],
      { expectedRevision: await this.lastRevision(EVENT_CORRECTIONS_STREAM) },
    );
    return { projection: name, position: appended.position.toString(), correction: data };
  }

  private async lastRevision(streamId: string): Promise<number | 'no_stream'> {
    try {
      return (await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0].revision;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw error;
    }
  }

  /**
   * Rebuilds one projection from position 0 into fresh tables while the live ones keep serving
   * and following the log, compares both by hash at the same checkpoint, and switches readers
   * over only if they are equal: the auditor's rebuild, without stopping the service.
   * Undefined for an unknown name; one rebuild of a projection at a time (409 REBUILD_IN_PROGRESS).
   */
  rebuild(name: string): Promise<RebuildReport | undefined> {
    return this.runners.rebuild(name);
  }

  /**
   * Resolves once projection `name` has applied the event at `position` (one it reads).
   * Rejects if it is not registered, did not start, has failed or halted before it.
   */
  async waitFor(name: string, position: GlobalPosition): Promise<void> {
    if (!this.runners.names.includes(name)) throw new Error(`projection ${name} is not registered`);
    await this.runners.waitFor(name, position);
  }

  /**
   * Resolves once every projection (or those named) has applied the newest event it reads, as
   * of this call, after any version rebuild: read-your-writes for tests, tools and the batch
   * closer. Rejects if a projection has failed.
   */
  caughtUp(names?: readonly string[]): Promise<void> {
    return this.runners.caughtUp(names);
  }

  /**
   * Resolves once projection `name` holds every event it reads as of this call, or is halted at
   * an event of another company: then it holds everything before that event, which is all it
   * will hold for now. Rejects with ProjectionHaltedError when the halt concerns `companyCode`.
   */
  async caughtUpFor(name: string, companyCode: string): Promise<void> {
    try {
      await this.caughtUp([name]);
    } catch (error) {
      if (error instanceof ProjectionHaltedError && !haltConcerns(error.halt, companyCode)) return;
      throw error;
    }
  }

  /**
   * Closes full batches as entries arrive, found beside the journal on the projection thread:
   * `close` is asked only for the days holding `maxEntries` open entries (RunnerControl.watchBatchSizes).
   */
  watchBatchSizes(maxEntries: number, close: (days: Day[]) => Promise<{ skipped: SkippedClose[] }>): Promise<void> {
    if (!this.runners.watchBatchSizes) return Promise.reject(new Error('size-triggered batch closing runs on the projection thread, which these runners are not on'));
    return this.runners.watchBatchSizes(maxEntries, close);
  }

  /**
   * What the batch closer reads a close from, read on the projection thread beside the journal
   * (RunnerControl.closeReads), so a close of BATCH_MAX_ENTRIES entries leaves this thread only
   * its actor's work.
   */
  get closeReads(): BatchCloserReads {
    if (!this.runners.closeReads) throw new Error('the batch closer reads on the projection thread, which these runners are not on');
    return this.runners.closeReads;
  }

  /** The global position projection `name`'s live rows stand at, as views read them now; null before its first event. */
  checkpoint(name: string): GlobalPosition | null {
    return this.db.liveGeneration(name)?.checkpoint ?? null;
  }

  /**
   * State, checkpoint, lag (events and seconds behind) and halt of every projection, in
   * registration order, as the runners count them on their own thread. While that thread is
   * down: `failed` with why, the checkpoint and halt as committed, the lag as last reported.
   */
  async status(): Promise<ProjectionStatusView[]> {
    try {
      const statuses = await this.runners.status();
      for (const status of statuses) this.lastStatus.set(status.projection, status);
      return statuses;
    } catch (error) {
      if (!(error instanceof ReadModelNotReadyError)) throw error;
      return this.runners.names.map((name) => this.unavailable(name, error.message));
    }
  }

  private unavailable(name: string, reason: string): ProjectionStatusView {
    const last = this.lastStatus.get(name);
    const checkpoint = this.checkpoint(name);
    const halt = this.db.halt(name);
    return {
      projection: name,
      state: 'failed',
      checkpoint: checkpoint === null ? null : checkpoint.toString(),
      headPosition: last?.headPosition ?? null,
      eventsBehind: last?.eventsBehind ?? 0,
      countCap: last?.countCap ?? 0,
      secondsBehind: last?.secondsBehind ?? 0,
      error: reason,
      ...(halt ? { halt: haltView(halt) } : {}),
    };
  }
}
