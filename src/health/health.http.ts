import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access-requirements';
import { type NodeDescription, ReadinessCheck } from './readiness';

/** Probes need no API key. */
@Public()
@Controller()
export class HealthHttpController {
  constructor(@Inject(ReadinessCheck) private readonly readiness: ReadinessCheck) {}

  /** Liveness: the process serves requests. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the event store is open and answering. A probe's body, not an API error: 503 with
   * the reason. Also says what the node is: its roles, and which leased work it runs or stands by for.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: 'ready' | 'not_ready'; eventStore: string; reason?: string } & NodeDescription> {
    const readiness = await this.readiness.check();
    if (!readiness.ready) {
      reply.status(503);
      return { status: 'not_ready', eventStore: readiness.eventStore, reason: readiness.reason, ...this.readiness.describe() };
    }
    return { status: 'ready', eventStore: readiness.eventStore, ...this.readiness.describe() };
  }
}
