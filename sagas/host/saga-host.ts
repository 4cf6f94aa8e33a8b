import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { eventStoreSourceOf } from '../../src/event-store/event-store-source';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { Lease } from '../../src/runtime/lease/lease';
import { leaseCheckEveryMs } from '../../src/runtime/lease/lease.decide';
import { LeaseBoard } from '../../src/runtime/lease/lease-board';
import { SingleActiveWorker, type WorkerRole } from '../../src/runtime/lease/single-active-worker';
import { writesInfoLines } from '../../src/observability/info-lines';
import { REGISTERED_SAGAS, type SagaHostContext, sagaSettingsOf } from './registered-sagas';
import { sagaServices, SagaThread } from './saga-thread';
import type { RunningSaga } from './saga-thread.messages';

/** The lease the saga runner holds on EventStoreDB: stream `lease-sagas`. */
export const SAGA_LEASE = 'sagas';

/**
 * Runs every registered saga in this process, on the saga thread (SagaThread: one SagaRuntime
 * each there, with wall-clock time), whose commands come back to this thread's command
 * dispatcher. On EventStoreDB several nodes may have the sagas role: only the one holding the
 * `sagas` lease runs them, the others stand by and take over when it stops renewing
 * (LEASE_TIMEOUT); each take-over starts the thread, with fresh runtimes from the stored
 * checkpoint. On the embedded store the one process runs them. Started once the app is built,
 * stopped before the dispatcher and the store (NestJS destroys dependents first).
 */
@Injectable()
export class SagaHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sagas');
  private thread: SagaThread | undefined;
  private worker: SingleActiveWorker | undefined;
  private runningHere = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(LeaseBoard) private readonly board: LeaseBoard,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SAGAS_ENABLED) {
      this.logger.warn('SAGAS_ENABLED=false: no saga runs (orders are not reserved, captured or timed out)');
      return;
    }
    const work = { start: () => this.startSagas(), stop: () => this.stopSagas() };
    if (!this.config.EVENTSTORE_URL) return work.start();
    const timeoutMs = this.config.leaseTimeoutMs;
    const lease = new Lease(this.store, { name: SAGA_LEASE, timeoutMs });
    this.worker = new SingleActiveWorker(lease, work, {
      checkEveryMs: leaseCheckEveryMs(timeoutMs),
      onError: (error) => this.logger.error(`saga lease: ${(error as Error)?.stack ?? String(error)}`),
      onChange: (role) =>
        this.logger.log(role === 'active' ? `holding the saga lease as ${lease.holder}` : `saga runner on standby (lease held by ${lease.lastSeenHolder ?? 'nobody'})`),
    });
    this.board.register(SAGA_LEASE, this.worker);
    await this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.worker) await this.worker.stop();
    else await this.stopSagas();
  }

  /** The running sagas by name: none when SAGAS_ENABLED=false, while another node holds the saga lease, or while the saga thread restarts. */
  get sagas(): ReadonlyMap<string, RunningSaga> {
    return this.thread?.sagas ?? new Map();
  }

  /** Who holds the saga lease, as this node last saw it (EventStoreDB). */
  get holder(): string | undefined {
    return this.worker?.holder;
  }

  /** `active` while this node runs the sagas, `standby` while another holds the lease, `stopped` when it runs none. */
  get role(): WorkerRole {
    if (this.worker) return this.worker.role;
    return this.runningHere ? 'active' : 'stopped';
  }

  private async startSagas(): Promise<void> {
    this.runningHere = true;
    const context: SagaHostContext = { get: (token) => this.moduleRef.get(token, { strict: false }) };
    const effects = REGISTERED_SAGAS.map((registered) => registered.effects?.(context) ?? []);
    this.thread = new SagaThread(
      {
        store: eventStoreSourceOf(this.config),
        settings: sagaSettingsOf(this.config),
        timerCheckIntervalMs: this.config.sagaTimerCheckIntervalMs,
        effectTargets: effects.map((list) => list.map((effect) => effect.target)),
        niceness: this.config.BACK_OFFICE_NICENESS,
        infoLines: writesInfoLines(this.config.LOG_LEVEL),
      },
      sagaServices(this.store, this.dispatcher, effects.flat()),
    );
    const names = await this.thread.start();
    this.logger.log(`sagas running on the saga thread: ${names.join(', ')}`);
  }

  private async stopSagas(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    this.runningHere = false;
    await thread?.stop();
  }
}
