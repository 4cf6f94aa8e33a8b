import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access-requirements';
import { type HealthAnswer, ServiceHealth } from './service-health';

const READY = {
  status: 'ok',
  info: {
    store: { status: 'up', eventStore: 'embedded' },
    node: { status: 'up', roles: ['api', 'projections', 'sagas', 'delivery'] },
    projections: { status: 'up', projections: { journal: { state: 'live', eventsBehind: 0, secondsBehind: 0 } } },
    sagas: { status: 'up', running: true, sagas: { fulfillment: { parked: 0, timersDue: 0 } } },
  },
  error: {},
  details: { '...': 'every indicator of info and error' },
};
const STORE_DOWN = {
  status: 'error',
  info: { node: { status: 'up', roles: ['api', 'projections', 'sagas', 'delivery'] } },
  error: { store: { status: 'down', eventStore: 'esdb', message: '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.0.4.12:2113' } },
  details: { '...': 'every indicator of info and error' },
};
const DRAINING = { status: 'shutting_down', info: { store: { status: 'up', eventStore: 'embedded' } }, error: {}, details: { store: { status: 'up', eventStore: 'embedded' } } };

/** Probes need no API key. Bodies are probe answers in the @nestjs/terminus shape, not API errors. */
@ApiTags('health')
@Public()
@Controller()
export class HealthHttpController {
  constructor(@Inject(ServiceHealth) private readonly health: ServiceHealth) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers (nothing is asked of the store or the threads).' })
  @ApiOkResponse({
    description: 'Alive',
    schema: { type: 'object' },
    example: {
      status: 'ok',
      info: { process: { status: 'up', pid: 4242, uptimeSeconds: 3600 } },
      error: {},
      details: { process: { status: 'up', pid: 4242, uptimeSeconds: 3600 } },
    },
  })
  async liveness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return answer(reply, await this.health.liveness());
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the event store answers; the node, the read side, the sagas and the ERP targets as they stand.',
    description:
      '`store` down: 503 `error`. Projections halted or failed, parked saga instances, an ERP target refusing or unreachable: 200 `degraded` ' +
      '(orders are still taken). After SIGTERM: 503 `shutting_down` while the service drains (SHUTDOWN_DRAIN).',
  })
  @ApiOkResponse({ description: 'Ready (`ok` or `degraded`)', schema: { type: 'object' }, example: READY })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: the event store does not answer (`error`), or the service is shutting down (`shutting_down`)',
    schema: { type: 'object' },
    examples: { 'store down': { summary: 'error: the event store does not answer', value: STORE_DOWN }, draining: { summary: 'shutting_down: after SIGTERM', value: DRAINING } },
  })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return answer(reply, await this.health.readiness());
  }
}

function answer(reply: FastifyReply, { ok, body }: HealthAnswer): HealthCheckResult {
  reply.status(ok ? 200 : 503);
  return body;
}
