import type { IBackoff } from 'cockatiel';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import { logRetryBackoff } from '../../src/runtime/log-retry';
import { asError } from '../../src/errors/as-error';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import type { BatchCloserReads, Day, SkippedClose } from '../posting-batches/batch-closer';
import type { Projection } from '../runner/projection';
import type { ProjectionDatabase } from '../runner/projection-database';
import { describeHalt, type ProjectionHalt } from '../runner/projection-halt';
import { nothingToVerify, rebuildProjection, type RebuildReport } from '../runner/projection-rebuild';
import { ProjectionRunner } from '../runner/projection-runner';
import type { ProjectionStatusView } from './projection-status.view';

/**
 * What the host asks of the projections' runners, wherever they run: `ProjectionRunners` on the
 * thread that created it, or `ProjectionThread` passing each call to the projection thread.
 */
export interface RunnerControl {
  /** The projections run, in registration order. */
  readonly names: readonly string[];
  /**
   * Starts every runner. Resolves once each has a live generation, so views answer from then on,
   * not once caught up (a version rebuild may take long). Never rejects: status() reports a failed start.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops and starts one projection from its committed checkpoint; undefined for an unknown name. */
  restart(name: string): Promise<ProjectionStatusView | undefined>;
  /** Rebuilds one projection beside the live one and switches when equal; undefined for an unknown name. */
  rebuild(name: string): Promise<RebuildReport | undefined>;
  /** Resolves once projection `name` has applied the event at `position`; rejects if it is unknown, did not start, failed or halted before it. */
  waitFor(name: string, position: GlobalPosition): Promise<void>;
  /** Resolves once every projection (or those named) holds the newest event it reads as of this call. */
  caughtUp(names?: readonly string[]): Promise<void>;
  /** State, checkpoint, lag (events and seconds) and halt of every projection, in registration order. */
  status(): Promise<ProjectionStatusView[]>;
  /** Where projection `name` is halted, while it is. */
  halt(name: string): Promise<ProjectionHalt | undefined>;
  /** Why projection `name` could not apply `event` to its live rows, or undefined if it could; writes nothing. */
  cannotApply(name: string, event: RecordedEvent): Promise<string | undefined>;
  /**
   * Size-triggered batch closing beside the runners: full company days are found where the
   * journal is written and closed through `close`. Only the projection thread offers it (the
   * service); tests drive a BatchSizeWatcher themselves.
   */
  watchBatchSizes?(maxEntries: number, close: (days: Day[]) => Promise<{ skipped: SkippedClose[] }>): Promise<void>;
  /**
   * What the batch closer reads a close from, read beside the runners. Only the projection
   * thread offers it (the service); tests give a closer PostingBatchQueries of their own.
   */
  readonly closeReads?: BatchCloserReads;
}

export const RUNNER_CONTROL = Symbol('RunnerControl');

export interface ProjectionRunnersOptions {
  /** Halts and failed starts, for the service's log (on the host's thread). */
  report?(message: string): void;
}

/** Two projections of one name would share tables and a checkpoint: refuse to start instead. */
export function assertUniqueNames(names: readonly string[]): void {
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`projection ${duplicate} is registered twice`);
}

/**
 * The one owner of the runners' lifecycle: one ProjectionRunner per projection, started,
 * restarted, rebuilt and stopped here, on the thread that created it (in the service, the
 * projection thread). A projection that fails stops alone and is reported by `status()`: the
 * events are safe in the log and the read model catches up once restarted, by itself after a
 * backoff if it failed while running or its start met the store away (`restartLater`), by an
 * operator if it did not start for another reason.
 */
export class ProjectionRunners implements RunnerControl {
  readonly names: readonly string[];
  private readonly runners: ProjectionRunner[];
  /** Errors from start(), which the runner itself does not keep. */
  private readonly startFailures = new Map<string, string>();
  private readonly starting = new Map<string, Promise<void>>();
  /** Projections whose start has settled (following, or failed to start). */
  private readonly settled = new Set<string>();
  private readonly rebuilding = new Set<string>();
  /** Restarts due after a failure while running, and the backoff they follow. */
  private readonly retries = new Map<string, { backoff: IBackoff<unknown>; timer: NodeJS.Timeout }>();
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: ProjectionDatabase,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnersOptions = {},
  ) {
    this.names = projections.map((projection) => projection.name);
    assertUniqueNames(this.names);
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(store, db, projection, {
          onHalt: (halt) =>
            this.options.report?.(
              `${describeHalt(halt)}. Nothing after it is applied until it can be: correct the event (POST /projections/${halt.projection}/corrections) and restart the projection`,
            ),
          onFailure: (error, wasLive) => this.restartLater(projection.name, error, wasLive),
        }),
    );
  }

  /**
   * Each runner creates its live generation before its first await, so every one exists when this
   * returns. A start the store's absence stopped (the service started before EventStoreDB) is
   * tried again like a failure while running; any other start failure waits for an operator.
   */
  async start(): Promise<void> {
    for (const runner of this.runners) {
      const name = runner.projection.name;
      this.starting.set(
        name,
        this.startOne(runner).then((failure) => this.afterStart(name, failure)),
      );
    }
  }

  /**
   * Never rejects: a failed start is kept for status() and caughtUp(), and returned. The caller
   * says it, once: a start tried again later is said by restartLater.
   */
  private async startOne(runner: ProjectionRunner): Promise<Error | undefined> {
    try {
      await runner.start();
      return undefined;
    } catch (error) {
      const failure = asError(error);
      this.startFailures.set(runner.projection.name, failure.message);
      return failure;
    } finally {
      this.settled.add(runner.projection.name);
    }
  }

  /**
   * A projection that failed while running (the store went away, as in an EventStoreDB restart;
   * the database refused a write) restarts from its committed checkpoint after a backoff, again
   * and again while it fails, so the read side follows once the cause is gone. An event it cannot
   * apply halts it instead: that waits for an operator.
   */
  private restartLater(name: string, error: Error, wasLive: boolean): void {
    if (this.stopping) return;
    const last = this.retries.get(name);
    // Live again since the last restart: that one worked, so this failure waits the shortest time.
    const backoff = last && !wasLive ? last.backoff.next(undefined) : logRetryBackoff().next();
    const seconds = (backoff.duration / 1000).toFixed(1);
    this.options.report?.(`projection ${name} failed: ${error.message}; restarting it from its checkpoint in ${seconds} s`);
    const timer = setTimeout(() => void this.retry(name), backoff.duration);
    timer.unref();
    this.retries.set(name, { backoff, timer });
  }

  /** The store away is tried again later (and said by restartLater); any other failed start is said and waits for an operator. */
  private afterStart(name: string, failure: Error | undefined): void {
    if (failure instanceof EventStoreUnavailableError) this.restartLater(name, failure, false);
    else if (failure !== undefined) this.options.report?.(`projection ${name} did not start: ${failure.message}`);
  }

  /** A restart that cannot start (the store still away) is tried again later, waiting longer. */
  private async retry(name: string): Promise<void> {
    try {
      const failure = await this.restartRunner(this.runner(name)!);
      if (failure !== undefined) this.restartLater(name, failure, false);
    } catch (error) {
      this.restartLater(name, asError(error), false);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    await Promise.all(this.starting.values());
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /**
   * An operator's restart; a start that fails is taken as at the service's start (afterStart), so
   * a restart while the store is away does not end the retries, even when the status cannot be
   * read either.
   */
  async restart(name: string): Promise<ProjectionStatusView | undefined> {
    const runner = this.runner(name);
    if (!runner) return undefined;
    this.afterStart(name, await this.restartRunner(runner));
    return this.statusOf(runner);
  }

  /** Stops and starts the runner from its checkpoint; returns why it did not start, if it did not. A halted projection returns once it has got past that event or halted again. */
  private async restartRunner(runner: ProjectionRunner): Promise<Error | undefined> {
    const { name } = runner.projection;
    clearTimeout(this.retries.get(name)?.timer);
    await this.starting.get(name);
    const halt = runner.halt ?? this.db.halt(name);
    await runner.stop();
    this.startFailures.delete(name);
    this.settled.delete(name);
    const started = this.startOne(runner);
    this.starting.set(
      name,
      started.then(() => undefined),
    );
    const failure = await started;
    if (halt && failure === undefined) await runner.waitFor(halt.position).catch(() => undefined);
    return failure;
  }

  /** One rebuild of a projection at a time. */
  async rebuild(name: string): Promise<RebuildReport | undefined> {
    const runner = this.runner(name);
    if (!runner) return undefined;
    if (this.rebuilding.has(name)) throw new StateConflictError('REBUILD_IN_PROGRESS', `projection ${name} is already being rebuilt`, { projection: name });
    this.rebuilding.add(name);
    try {
      await this.starting.get(name);
      const nothing = await nothingToVerify(this.store, this.db, runner.projection);
      if (nothing) throw new StateConflictError('NOTHING_TO_VERIFY', nothing, { projection: name });
      return await rebuildProjection(this.store, this.db, runner.projection, { switchOver: 'when-equal' });
    } finally {
      this.rebuilding.delete(name);
    }
  }

  async waitFor(name: string, position: GlobalPosition): Promise<void> {
    const runner = this.runner(name);
    if (!runner) throw new Error(`projection ${name} is not registered`);
    await this.starting.get(name);
    const startFailure = this.startFailures.get(name);
    if (startFailure) throw new Error(`projection ${name} did not start: ${startFailure}`);
    await runner.waitFor(position);
  }

  async caughtUp(names?: readonly string[]): Promise<void> {
    await Promise.all(
      this.runners
        .filter(({ projection }) => names === undefined || names.includes(projection.name))
        .map(async ({ projection }) => {
          const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...(projection.filter ? { filter: projection.filter } : {}) });
          if (head) await this.waitFor(projection.name, head.globalPosition);
        }),
    );
  }

  async status(): Promise<ProjectionStatusView[]> {
    return Promise.all(this.runners.map((runner) => this.statusOf(runner)));
  }

  async halt(name: string): Promise<ProjectionHalt | undefined> {
    return this.runner(name)?.halt;
  }

  async cannotApply(name: string, event: RecordedEvent): Promise<string | undefined> {
    const runner = this.runner(name);
    if (!runner) return `projection ${name} is not registered`;
    return runner.cannotApply(event);
  }

  private runner(name: string): ProjectionRunner | undefined {
    return this.runners.find((runner) => runner.projection.name === name);
  }

  private async statusOf(runner: ProjectionRunner): Promise<ProjectionStatusView> {
    const { name } = runner.projection;
    const lag = await runner.lag();
    const startFailure = this.startFailures.get(name);
    if (startFailure) return { ...lag, state: 'failed', error: startFailure };
    return this.settled.has(name) ? lag : { ...lag, state: 'starting' };
  }
}
