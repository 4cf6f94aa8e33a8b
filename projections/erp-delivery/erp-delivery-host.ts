import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import type { ErpDeliveryTarget } from '../../src/config/erp-targets.setting';
import { AggregateCommands } from '../../src/edge/aggregate-commands';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { deliveryLogThrough } from '../../src/erp/delivery/delivery-log';
import type { LaneLiveState } from '../../src/erp/delivery/delivery-runner';
import { erpDeliveryAggregate } from '../../src/erp/delivery/erp-delivery.aggregate';
import type { ErpDeliveryCommand } from '../../src/erp/delivery/erp-delivery.commands';
import { deliveryLaneId, type ErpDeliveryEvent } from '../../src/erp/delivery/erp-delivery.events';
import type { DeliveryLaneState } from '../../src/erp/delivery/erp-delivery.state';
import type { ErpName } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { StandbyError } from '../../src/errors/standby.error';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { Lease } from '../../src/runtime/lease/lease';
import { leaseCheckEveryMs } from '../../src/runtime/lease/lease.decide';
import { LeaseBoard } from '../../src/runtime/lease/lease-board';
import { SingleActiveWorker } from '../../src/runtime/lease/single-active-worker';
import { batchCloseTraces } from './batch-close-traces';
import { DeliveryThread } from './delivery-thread';
import { ErpDeliveryQueries } from './erp-deliveries.queries';

/** A company code and the ERP target its batches go to. */
export interface ConfiguredLane {
  companyCode: string;
  target: string;
  erp: ErpName;
}

/** How often an idle lane looks for newly closed batches. */
const POLL_MS = 500;
/** The first wait before a batch the ERP could not take goes again; it doubles up to ERP_RETRY_MAX_DELAY. */
const RETRY_INITIAL_MS = 1000;
/** The lease the delivery runner holds on EventStoreDB: stream `lease-erp-delivery`. */
export const DELIVERY_LEASE = 'erp-delivery';

/**
 * ERP delivery in the service: the delivery thread (its runner, connectors and ERP payloads off
 * the request loop) and the delivery log it records through, the main thread's actors (the
 * `erp-delivery` aggregate, by AggregateCommands like every command). Without ERP_TARGETS there is
 * no thread and no lane. On EventStoreDB several nodes may have the delivery role: only the one
 * holding the `erp-delivery` lease runs the thread (one sender per lane), the others stand by
 * and take over when it stops renewing (LEASE_TIMEOUT); the thread resends what the log holds
 * without an outcome under the same ERP keys, so a take-over sends nothing twice to the ERP.
 */
@Injectable()
export class ErpDeliveryHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly lanes: ConfiguredLane[];
  readonly commands: AggregateCommands<ErpDeliveryCommand, ErpDeliveryEvent, DeliveryLaneState>;
  readonly thread: DeliveryThread | undefined;
  private readonly worker: SingleActiveWorker | undefined;
  private readonly logger = new Logger('ErpDelivery');

  constructor(
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(LeaseBoard) board: LeaseBoard,
    @Inject(ErpDeliveryQueries) queries: ErpDeliveryQueries,
  ) {
    const targets: ErpDeliveryTarget[] = config.erpTargets;
    this.lanes = targets.flatMap((target) => target.companyCodes.map((companyCode) => ({ companyCode, target: target.settings.target, erp: target.settings.erp })));
    this.commands = new AggregateCommands(dispatcher, erpDeliveryAggregate);
    const log = deliveryLogThrough(this.commands, batchCloseTraces(queries, store));
    this.thread =
      targets.length === 0
        ? undefined
        : new DeliveryThread(
            {
              projectionsFile: config.projectionsFile,
              chartFile: config.CHART_OF_ACCOUNTS,
              targets: config.ERP_TARGETS!,
              settings: {
                window: config.ERP_DELIVERY_WINDOW,
                confirmationWaitMs: config.erpConfirmationWaitMs,
                retryInitialMs: RETRY_INITIAL_MS,
                retryMaxMs: config.erpRetryMaxDelayMs,
                pollMs: POLL_MS,
              },
              niceness: config.BACK_OFFICE_NICENESS,
            },
            log,
          );
    if (this.thread && config.EVENTSTORE_URL) {
      const thread = this.thread;
      const lease = new Lease(store, { name: DELIVERY_LEASE, timeoutMs: config.leaseTimeoutMs });
      this.worker = new SingleActiveWorker(
        lease,
        { start: () => thread.start(), stop: () => thread.stop() },
        {
          checkEveryMs: leaseCheckEveryMs(config.leaseTimeoutMs),
          onError: (error) => this.logger.error(`delivery lease: ${(error as Error)?.stack ?? String(error)}`),
          onChange: (role) =>
            this.logger.log(role === 'active' ? `holding the delivery lease as ${lease.holder}` : `delivery runner on standby (lease held by ${lease.lastSeenHolder ?? 'nobody'})`),
        },
      );
      board.register(DELIVERY_LEASE, this.worker);
    }
  }

  /** The running thread; on a standby node, 503 STANDBY naming the node that runs it. */
  runningThread(): DeliveryThread | undefined {
    if (this.worker?.role === 'standby') throw new StandbyError('ERP deliveries', this.worker.holder);
    return this.thread;
  }

  get configured(): boolean {
    return this.thread !== undefined;
  }

  async state(target: string, companyCode: string): Promise<DeliveryLaneState> {
    return (await this.commands.current(deliveryLaneId(target, companyCode))).state;
  }

  /** The lanes' live protection, or why it cannot be had (the thread is restarting). */
  async live(): Promise<{ lanes: LaneLiveState[] } | { unavailable: string }> {
    if (!this.thread) return { lanes: [] };
    if (this.worker?.role === 'standby') return { unavailable: new StandbyError('ERP deliveries', this.worker.holder).message };
    try {
      return { lanes: await this.thread.status() };
    } catch (error) {
      return { unavailable: (error as Error).message };
    }
  }

  /** Lanes look again at once (an operator replayed or skipped); a thread that is down looks when it is back. */
  wake(companyCode: string, target: string): void {
    this.thread?.wake(companyCode, target).catch(() => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.worker) await this.worker.start();
    else await this.thread?.start();
  }

  /** Before the event store closes: the runner records through it. */
  async onModuleDestroy(): Promise<void> {
    if (this.worker) await this.worker.stop();
    else await this.thread?.stop();
  }
}
