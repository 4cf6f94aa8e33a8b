import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessCheck } from './readiness';

@Controller()
export class HealthHttpController {
  constructor(@Inject(ReadinessCheck) private readonly readiness: ReadinessCheck) {}

  /** Liveness: the process serves requests. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the event store is open and answering. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; eventStore: string }> {
    const readiness = await this.readiness.check();
    if (!readiness.ready) {
      throw new ServiceUnavailableException({ status: 'not_ready', eventStore: readiness.eventStore, reason: readiness.reason });
    }
    return { status: 'ready', eventStore: readiness.eventStore };
  }
}
