import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { SupervisedThread } from '../../src/runtime/supervised-thread';
import type { BatchCloserReads, Day, SkippedClose } from '../posting-batches/batch-closer';
import type { ProjectionHalt } from '../runner/projection-halt';
import type { RebuildReport } from '../runner/projection-rebuild';
import { assertUniqueNames, type RunnerControl } from './projection-runners';
import type { ProjectionStatusView } from './projection-status.view';
import {
  type CarriedError,
  PROJECTION_THREAD_ERRORS,
  type ProjectionThreadApi,
  type ProjectionThreadAsks,
  type ProjectionThreadInit,
  type ProjectionThreadReport,
} from './projection-thread.messages';

/** The projection thread's script, beside this file once compiled. */
export const PROJECTION_THREAD_ENTRY = join(__dirname, 'projection-thread.worker.js');

/**
 * The projections' runners on a thread of their own (projection-thread.worker.ts), seen from
 * the service's main thread: each call is a message, answered when the runners have done it,
 * so the main thread only waits asynchronously while projections apply events, catch up,
 * rebuild or count their lag.
 *
 * A crash of the thread is reported and restarted as SupervisedThread says; the runners resume
 * from their committed checkpoints, so nothing is lost or applied twice. An operator's restart
 * of any projection restarts the thread at once.
 */
export class ProjectionThread implements RunnerControl {
  readonly names: readonly string[];
  private readonly logger = new Logger('ProjectionHost');
  private readonly thread: SupervisedThread<ProjectionThreadApi, ProjectionThreadAsks, ProjectionThreadReport, CarriedError>;
  private batchWatch: { maxEntries: number; close(days: Day[]): Promise<{ skipped: SkippedClose[] }> } | undefined;

  constructor(init: ProjectionThreadInit, spawn: (init: ProjectionThreadInit) => Worker = (data) => new Worker(PROJECTION_THREAD_ENTRY, { workerData: data })) {
    this.names = [...init.projections];
    assertUniqueNames(this.names);
    this.thread = new SupervisedThread({
      name: 'the projection thread',
      resumesFrom: 'the committed checkpoints',
      logger: this.logger,
      spawn: () => spawn(init),
      errors: PROJECTION_THREAD_ERRORS,
      // Referenced only while a call waits for its answer, so the thread never holds the process open.
      heldOpenByCalls: true,
      asks: { closeFullDays: (days) => this.closeFullDays(days) },
      heard: (report) => {
        if (report.level === 'warn') this.logger.warn(report.message);
        else this.logger.error(report.message);
      },
      relaunch: () => this.launch(),
    });
  }

  /**
   * The batch closer's reads, done on the projection thread on a read connection of its own: a
   * close's open entries (up to BATCH_MAX_ENTRIES, with their lines) are read and built there and
   * reach this thread as the command's data, so a close holds this thread only for its actor's
   * work. Like every call, they fail with READ_MODEL_NOT_READY while the thread is down.
   */
  readonly closeReads: BatchCloserReads = {
    openBatch: (companyCode, postingDate, limit) => this.thread.call('openBatch', companyCode, postingDate, limit),
    openCount: (companyCode, postingDate) => this.thread.call('openCount', companyCode, postingDate),
    batchIdsOf: (companyCode, postingDate) => this.thread.call('batchIdsOf', companyCode, postingDate),
    days: () => this.thread.call('days'),
  };

  /** The thread the runners and their connections live on, while it runs. */
  get threadId(): number | undefined {
    return this.thread.threadId;
  }

  start(): Promise<void> {
    return this.launch();
  }

  stop(): Promise<void> {
    return this.thread.stop();
  }

  /** Restarts the thread first if it is down, without waiting for its next scheduled restart. */
  async restart(name: string): Promise<ProjectionStatusView | undefined> {
    if (!this.names.includes(name)) return undefined;
    await this.thread.relaunchIfDown();
    return this.thread.call('restart', name);
  }

  rebuild(name: string): Promise<RebuildReport | undefined> {
    return this.thread.call('rebuild', name);
  }

  waitFor(name: string, position: GlobalPosition): Promise<void> {
    return this.thread.call('waitFor', name, position);
  }

  caughtUp(names?: readonly string[]): Promise<void> {
    return this.thread.call('caughtUp', names);
  }

  status(): Promise<ProjectionStatusView[]> {
    return this.thread.call('status');
  }

  halt(name: string): Promise<ProjectionHalt | undefined> {
    return this.thread.call('halt', name);
  }

  cannotApply(name: string, event: RecordedEvent): Promise<string | undefined> {
    return this.thread.call('cannotApply', name, event);
  }

  /**
   * Size-triggered batch closing beside the journal: the watcher follows the journal's events on
   * the projection thread and asks `close` (this thread's closer) only for days holding
   * `maxEntries` open entries, so orders cost this thread nothing for it. Started again with
   * the thread after a crash.
   */
  async watchBatchSizes(maxEntries: number, close: (days: Day[]) => Promise<{ skipped: SkippedClose[] }>): Promise<void> {
    this.batchWatch = { maxEntries, close };
    if (this.thread.unavailable === undefined) await this.thread.call('watchBatchSizes', maxEntries);
  }

  /** Never rejects: a thread that cannot start is reported by status() and restarted, and the service goes on taking orders. */
  private launch(): Promise<void> {
    this.thread.launch();
    return this.thread
      .call('start')
      .then(
        async () => {
          const watch = this.batchWatch;
          if (watch) await this.thread.call('watchBatchSizes', watch.maxEntries);
        },
        () => undefined,
      )
      .catch((error: Error) => this.logger.error(`size-triggered batch closing did not start: ${error.message}`));
  }

  /** The size watcher found full days: closed here, through the service's closer and actors. */
  private async closeFullDays(days: Day[]): Promise<{ skipped: SkippedClose[] }> {
    return { skipped: (await this.batchWatch!.close(days)).skipped };
  }
}
