import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';
import type { ConfirmationAnswer, LaneLiveState } from '../../src/erp/delivery/delivery-runner';
import { SupervisedThread } from '../../src/runtime/supervised-thread';
import {
  type CarriedError,
  DELIVERY_THREAD_ERRORS,
  type DeliveryLogApi,
  type DeliveryThreadApi,
  type DeliveryThreadInit,
  type DeliveryThreadReport,
} from './delivery-thread.messages';

/** The delivery thread's script, beside this file once compiled. */
export const DELIVERY_THREAD_ENTRY = join(__dirname, 'delivery-thread.worker.js');

/**
 * The delivery runner on a thread of its own (delivery-thread.worker.ts), seen from the service's
 * main thread, as the projection thread is: each call is a message. The thread builds the ERP
 * payloads and talks to the ERPs; what it records goes through `log` here (the main thread's
 * actors, the one command path), asked for by message.
 *
 * A crash of the thread is reported and restarted as SupervisedThread says. Nothing is lost: the
 * log holds every attempt, and the restarted runner resends those without an outcome under the
 * same ERP keys.
 */
export class DeliveryThread implements DeliveryThreadApi {
  private readonly logger = new Logger('ErpDelivery');
  private readonly thread: SupervisedThread<DeliveryThreadApi, DeliveryLogApi, DeliveryThreadReport, CarriedError>;

  constructor(init: DeliveryThreadInit, log: DeliveryLogApi, spawn: (init: DeliveryThreadInit) => Worker = (data) => new Worker(DELIVERY_THREAD_ENTRY, { workerData: data })) {
    this.thread = new SupervisedThread({
      name: 'the delivery thread',
      resumesFrom: 'the delivery log',
      logger: this.logger,
      spawn: () => spawn(init),
      errors: DELIVERY_THREAD_ERRORS,
      // The runner's loops keep the thread busy for good: it must never hold the process open.
      heldOpenByCalls: false,
      asks: log,
      heard: (report) => this.logger[report.level === 'info' ? 'log' : report.level](report.message),
      relaunch: () => this.launch(),
    });
  }

  start(): Promise<void> {
    return this.launch();
  }

  stop(): Promise<void> {
    return this.thread.stop();
  }

  wake(companyCode?: string, target?: string): Promise<void> {
    return this.thread.call('wake', companyCode, target);
  }

  status(): Promise<LaneLiveState[]> {
    return this.thread.call('status');
  }

  confirmation(authorization: string | undefined, body: string): Promise<ConfirmationAnswer> {
    return this.thread.call('confirmation', authorization, body);
  }

  readBack(target: string, companyCode: string, from: string, to: string, documents: string[]): Promise<ErpReadBack> {
    return this.thread.call('readBack', target, companyCode, from, to, documents);
  }

  /** Never rejects: a thread that cannot start is logged and restarted, and the service goes on taking orders. */
  private launch(): Promise<void> {
    this.thread.launch();
    return this.thread.call('start').catch((error: Error) => this.logger.error(`the delivery thread did not start: ${error.message}`));
  }
}
