import { performance } from 'node:perf_hooks';
import type { Lease } from './lease';

/** What runs on one node at a time: started once its node holds the lease, stopped when it loses it. */
export interface LeasedWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type WorkerRole = 'active' | 'standby' | 'stopped';

export interface SingleActiveWorkerOptions {
  /** How often the lease is checked (renewed, or watched by a standby): `leaseCheckEveryMs(timeout)`; omitted: only when `check()` is called (tests). */
  checkEveryMs?: number;
  /** The lease's clock (default the process's monotonic clock): the deadline timer waits until its `validUntil`. */
  now?: () => number;
  /** Told about failures (a check the store did not answer, a start or stop that threw); the worker carries on. */
  onError(error: unknown): void;
  /** Told when this node becomes active or standby. */
  onChange?(role: 'active' | 'standby'): void;
}

/**
 * Runs `work` only while this process holds `lease`: checks the lease every `checkEveryMs`,
 * starts the work once it holds it, and stops the work when it loses it, at the latest when its
 * deadline passes without a renewal (a timer, so a renewal stuck on an unanswering store does
 * not keep the work running past the time a standby may take over). Stopping releases the lease,
 * so a standby takes over at its next check.
 *
 * What this cannot do is fence: work already under way when the lease is lost (a command being
 * sent) may finish after the standby started. The work must make a repeat harmless, as the sagas
 * do with command ids fixed by the step (test/sagas/host/saga-take-over.test.ts).
 */
export class SingleActiveWorker {
  private state: WorkerRole = 'stopped';
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  /** When the next check is due (process clock): checks keep to their grid however long a round takes. */
  private nextCheckAt: number | undefined;
  private deadline: NodeJS.Timeout | undefined;
  /** The round in progress; rounds never overlap. */
  private round: Promise<void> = Promise.resolve();
  /** The work's start while it runs: renewals go on meanwhile, and a stop waits for it. */
  private starting: Promise<void> | undefined;

  constructor(
    private readonly lease: Lease,
    private readonly work: LeasedWork,
    private readonly options: SingleActiveWorkerOptions,
  ) {}

  get role(): WorkerRole {
    return this.state;
  }

  /** Who holds the lease as this node last saw it. */
  get holder(): string | undefined {
    return this.lease.lastSeenHolder;
  }

  private get stopped(): boolean {
    return this.state === 'stopped';
  }

  /** Begins checking at once; resolves after the first round (the work started if the lease was free). */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'standby';
    await this.check();
  }

  /** One round now: what the timer does every `checkEveryMs` (tests drive it with their own clock). */
  check(): Promise<void> {
    this.round = this.round.then(() => this.checkOnce());
    return this.round;
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.timer);
    clearTimeout(this.deadline);
    await this.round;
    await this.stopWork();
    await this.lease.release().catch((error) => this.options.onError(error));
  }

  private async checkOnce(): Promise<void> {
    if (this.stopped) return;
    let held = this.lease.held;
    try {
      held = (await this.lease.check()) === 'held';
    } catch (error) {
      this.options.onError(error);
    }
    // stop() may have been called while the store answered.
    if (this.stopped) return;
    if (held) {
      this.armDeadline();
      if (!this.running) this.startWork();
    } else if (this.running) {
      await this.stopWork();
    }
    const every = this.options.checkEveryMs;
    if (every === undefined) return;
    // At a fixed rate, not a fixed pause after each round: a standby's wait is counted in checks,
    // and rounds slowed by the store must not stretch the take-over past the lease timeout.
    const now = performance.now();
    this.nextCheckAt = Math.max((this.nextCheckAt ?? now) + every, now);
    this.timer = setTimeout(() => void this.check(), this.nextCheckAt - now);
    this.timer.unref();
  }

  /** Past the lease's deadline without a renewal the work stops, whatever the round in progress waits for. */
  private armDeadline(): void {
    clearTimeout(this.deadline);
    const validUntil = this.lease.validUntil;
    if (validUntil === undefined) return;
    this.deadline = setTimeout(
      () => {
        if (this.lease.validUntil !== validUntil) return;
        this.lease.drop();
        void this.stopWork();
      },
      Math.max(0, validUntil - (this.options.now ?? (() => performance.now()))()),
    );
    this.deadline.unref();
  }

  /**
   * Not awaited by the round: a start that takes longer than the holder's term (a saga index to
   * load) must not stop the renewals, or the lease would lapse while the work starts.
   */
  private startWork(): void {
    this.running = true;
    this.setRole('active');
    const starting = this.work.start().then(
      () => undefined,
      async (error: unknown) => {
        this.options.onError(error);
        // Stopped meanwhile: stopWork stops what started.
        if (!this.running) return;
        this.running = false;
        if (!this.stopped) this.setRole('standby');
        await this.work.stop().catch((stopError) => this.options.onError(stopError));
        // Another node may do better: give the lease up rather than hold it idle.
        await this.lease.release().catch((releaseError) => this.options.onError(releaseError));
      },
    );
    this.starting = starting;
    void starting.finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
  }

  private async stopWork(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.state !== 'stopped') this.setRole('standby');
    await this.starting;
    try {
      await this.work.stop();
    } catch (error) {
      this.options.onError(error);
    }
  }

  private setRole(role: 'active' | 'standby'): void {
    if (this.state === role) return;
    this.state = role;
    this.options.onChange?.(role);
  }
}
