import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventMetadata, type EventStore, type GlobalPosition } from '../../src/event-store/event-store.port';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { eventIdFor } from '../../src/runtime/event-ids';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { EVENT_CORRECTED, EVENT_CORRECTIONS_STREAM, type EventCorrectedData } from '../runner/event-corrections';
import type { Projection } from '../runner/projection';
import { ProjectionDatabase } from '../runner/projection-database';
import { describeHalt, haltConcerns, ProjectionHaltedError } from '../runner/projection-halt';
import { ProjectionRunner } from '../runner/projection-runner';
import { rebuildProjection, type RebuildReport } from '../runner/projection-rebuild';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import type { EventCorrectionView, ProjectionStatusView } from './projection-status.view';

/** What an operator sends to correct the event a projection is halted at. */
export interface EventCorrection {
  /** The halted event, as GET /projections names it: a halt that moved meanwhile is not corrected blindly. */
  eventId: string;
  data: Record<string, unknown>;
  reason: string;
}

export const REGISTERED = Symbol('RegisteredProjections');

/**
 * Runs one ProjectionRunner per registered projection for the life of the service. A
 * projection that fails (at start or later) stops alone and is reported by `status()`: the
 * service keeps taking orders, because the events are safe in the log and the read model
 * catches up once restarted. One halted at an event it cannot apply says which (status, log),
 * and operators correct that event (`correct`) and restart it.
 */
@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionHost.name);
  private readonly runners: ProjectionRunner[];
  /** Errors from start(), which the runner itself does not keep. */
  private readonly startFailures = new Map<string, string>();
  private readonly starting = new Map<string, Promise<void>>();
  /** Projections whose start has settled (following, or failed to start). */
  private readonly settled = new Set<string>();
  private readonly rebuilding = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
    @Inject(REGISTERED) projections: readonly Projection[],
  ) {
    // Two projections of one name would share tables and a checkpoint: refuse to start instead.
    const duplicate = projections.find((projection, index) => projections.findIndex((p) => p.name === projection.name) !== index);
    if (duplicate) throw new Error(`projection ${duplicate.name} is registered twice`);
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(store, db, projection, {
          onHalt: (halt) =>
            this.logger.error(
              `${describeHalt(halt)}. Nothing after it is applied until it can be: correct the event (POST /projections/${halt.projection}/corrections) and restart the projection`,
            ),
        }),
    );
  }

  /**
   * Starts every runner without holding up the service: a projection whose version changed is
   * rebuilt before it follows live, and orders must be taken meanwhile. Each live generation
   * exists as soon as this returns, so views answer (from where they stand) at once.
   */
  onApplicationBootstrap(): void {
    for (const runner of this.runners) this.starting.set(runner.projection.name, this.start(runner));
  }

  /** Never rejects: a failed start is kept for status() and caughtUp(). */
  private async start(runner: ProjectionRunner): Promise<void> {
    try {
      await runner.start();
    } catch (error) {
      const message = (error as Error).message;
      this.startFailures.set(runner.projection.name, message);
      this.logger.error(`projection ${runner.projection.name} did not start: ${message}`);
    } finally {
      this.settled.add(runner.projection.name);
    }
  }

  /** Before the event store closes (it does so on application shutdown): runners read from it. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.starting.values());
    await Promise.all(this.runners.map((runner) => runner.stop()));
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
  async restart(name: string): Promise<ProjectionStatusView | undefined> {
    const runner = this.runner(name);
    if (!runner) return undefined;
    await this.starting.get(name);
    const halt = runner.halt ?? this.db.halt(name);
    await runner.stop();
    this.startFailures.delete(name);
    this.settled.delete(name);
    const started = this.start(runner);
    this.starting.set(name, started);
    await started;
    if (halt && !this.startFailures.has(name)) await runner.waitFor(halt.position).catch(() => undefined);
    return this.statusOf(runner);
  }

  /**
   * Records a correction of the event projection `name` is halted at (`EventCorrected` in
   * `event-corrections`): every projection and audit rebuild reads the event with this data from
   * then on; the stored event is never rewritten. Refused, writing nothing, when the projection
   * is not halted at that event (409) or could not apply the corrected event either (422).
   * Takes effect at the next restart. Undefined for an unknown name.
   */
  async correct(name: string, correction: EventCorrection, command: { commandId: string; metadata: EventMetadata }): Promise<EventCorrectionView | undefined> {
    const runner = this.runner(name);
    if (!runner) return undefined;
    const halt = runner.halt;
    if (!halt) throw new StateConflictError('PROJECTION_NOT_HALTED', `projection ${name} is not halted: there is no event to correct`, { projection: name });
    if (halt.eventId !== correction.eventId) {
      throw new StateConflictError('NOT_THE_HALTED_EVENT', `projection ${name} is halted at event ${halt.eventId}, not ${correction.eventId}`, {
        projection: name,
        haltedAt: halt.eventId,
      });
    }
    const [event] = await this.store.readStream(halt.streamId, { fromRevision: halt.revision, maxCount: 1 });
    const problem = runner.cannotApply({ ...event, data: correction.data });
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
   * Undefined for an unknown name; one rebuild of a projection at a time.
   */
  async rebuild(name: string): Promise<RebuildReport | undefined> {
    const runner = this.runner(name);
    if (!runner) return undefined;
    if (this.rebuilding.has(name)) throw new StateConflictError('REBUILD_IN_PROGRESS', `projection ${name} is already being rebuilt`, { projection: name });
    this.rebuilding.add(name);
    try {
      await this.starting.get(name);
      return await rebuildProjection(this.store, this.db, runner.projection, { switchOver: 'when-equal' });
    } finally {
      this.rebuilding.delete(name);
    }
  }

  runner(name: string): ProjectionRunner | undefined {
    return this.runners.find((runner) => runner.projection.name === name);
  }

  /**
   * Resolves once projection `name` has applied the event at `position` (one it reads).
   * Rejects if it is not registered, did not start or has failed: prefer this to
   * `runner(name).waitFor`, which waits forever on a runner that never started.
   */
  async waitFor(name: string, position: GlobalPosition): Promise<void> {
    const runner = this.runner(name);
    if (!runner) throw new Error(`projection ${name} is not registered`);
    await this.starting.get(name);
    const startFailure = this.startFailures.get(name);
    if (startFailure) throw new Error(`projection ${name} did not start: ${startFailure}`);
    await runner.waitFor(position);
  }

  /**
   * Resolves once every projection (or those named) has applied the newest event it reads, as
   * of this call, after any version rebuild: read-your-writes for tests, tools and the batch
   * closer. Rejects if a projection has failed.
   */
  async caughtUp(names?: readonly string[]): Promise<void> {
    await Promise.all(
      this.runners.filter(({ projection }) => names === undefined || names.includes(projection.name)).map(async ({ projection }) => {
        const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...(projection.filter ? { filter: projection.filter } : {}) });
        if (head) await this.waitFor(projection.name, head.globalPosition);
      }),
    );
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

  /** State, checkpoint and lag of every projection, in registration order. */
  async status(): Promise<ProjectionStatusView[]> {
    return Promise.all(this.runners.map((runner) => this.statusOf(runner)));
  }

  private async statusOf(runner: ProjectionRunner): Promise<ProjectionStatusView> {
    const { name } = runner.projection;
    const lag = await runner.lag();
    const startFailure = this.startFailures.get(name);
    if (startFailure) return { ...lag, state: 'failed', error: startFailure };
    return this.settled.has(name) ? lag : { ...lag, state: 'starting' };
  }
}
