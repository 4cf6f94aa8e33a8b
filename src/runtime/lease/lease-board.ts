import { Injectable } from '@nestjs/common';
import type { SingleActiveWorker, WorkerRole } from './single-active-worker';

export interface LeasedWorkView {
  role: WorkerRole;
  /** Who holds the lease as this node last saw it. */
  holder: string | null;
}

/** The work this node runs under a lease (sagas, ERP delivery), for the readiness probe to say where each runs. */
@Injectable()
export class LeaseBoard {
  private readonly workers = new Map<string, SingleActiveWorker>();

  register(name: string, worker: SingleActiveWorker): void {
    this.workers.set(name, worker);
  }

  views(): Record<string, LeasedWorkView> {
    return Object.fromEntries([...this.workers].map(([name, worker]) => [name, { role: worker.role, holder: worker.holder ?? null }]));
  }
}
