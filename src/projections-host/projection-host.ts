import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { Projection } from '../../projections/runner/projection';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { ProjectionRunner } from '../../projections/runner/projection-runner';
import type { ProjectionStatusView } from './projection-status.view';

export const REGISTERED = Symbol('RegisteredProjections');

/**
 * Runs one ProjectionRunner per registered projection for the life of the service. A
 * projection that fails (at start or later) stops alone and is reported by `status()`: the
 * service keeps taking orders, because the events are safe in the log and the read model
 * catches up once restarted.
 */
@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionHost.name);
  private readonly runners: ProjectionRunner[];
  /** Errors from start(), which the runner itself does not keep. */
  private readonly startFailures = new Map<string, string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
    @Inject(REGISTERED) projections: readonly Projection[],
  ) {
    this.runners = projections.map((projection) => new ProjectionRunner(store, db, projection));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) {
      try {
        await runner.start();
      } catch (error) {
        const message = (error as Error).message;
        this.startFailures.set(runner.projection.name, message);
        this.logger.error(`projection ${runner.projection.name} did not start: ${message}`);
      }
    }
  }

  /** Before the event store closes (it does so on application shutdown): runners read from it. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  onApplicationShutdown(): void {
    this.db.close();
  }

  runner(name: string): ProjectionRunner | undefined {
    return this.runners.find((runner) => runner.projection.name === name);
  }

  /**
   * Resolves once every projection has applied the newest event it reads, as of this call:
   * read-your-writes for tests and tools. Rejects if a projection has failed.
   */
  async caughtUp(): Promise<void> {
    await Promise.all(
      this.runners.map(async (runner) => {
        const { filter } = runner.projection;
        const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...(filter ? { filter } : {}) });
        if (head) await runner.waitFor(head.globalPosition);
      }),
    );
  }

  /** State, checkpoint and lag of every projection, in registration order. */
  async status(): Promise<ProjectionStatusView[]> {
    return Promise.all(
      this.runners.map(async (runner) => {
        const lag = await runner.lag();
        const startFailure = this.startFailures.get(runner.projection.name);
        return startFailure ? { ...lag, state: 'failed' as const, error: startFailure } : lag;
      }),
    );
  }
}
