import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The service's shutdown as probes see it. It begins before anything stops (SIGTERM, or
 * app.close()): readiness answers 503 `shutting_down` from then on and gRPC health turns
 * NOT_SERVING, while requests are still served for SHUTDOWN_DRAIN, so load balancers stop
 * sending new ones; then the sagas, projections, servers and the store stop in order.
 */
@Injectable()
export class ShutdownDrain {
  private readonly logger = new Logger('Shutdown');
  private startedAt: number | undefined;
  private readonly listeners: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.startedAt !== undefined;
  }

  /** Told once, when draining begins (gRPC Health Watch streams). */
  onDrain(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }

  /** Marks the service as shutting down, then waits SHUTDOWN_DRAIN while it still serves. */
  async begin(): Promise<void> {
    if (this.startedAt !== undefined) return;
    this.startedAt = Date.now();
    const waitMs = this.config.shutdownDrainMs;
    this.logger.log(`shutting down: readiness answers 503 shutting_down${waitMs > 0 ? `, still serving for ${waitMs} ms (SHUTDOWN_DRAIN)` : ''}`);
    for (const listener of [...this.listeners]) listener();
    if (waitMs > 0) await sleep(waitMs);
    this.logger.log('stopping: sagas, projections and ERP delivery first, then the servers, then the event store');
  }
}
