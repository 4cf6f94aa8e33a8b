import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../access/access-requirements';
import { MetricsRegistry } from './metrics-registry';

const EXAMPLE = `# HELP ledgerbridge_commands_total Commands handled, by aggregate kind, command and result
# TYPE ledgerbridge_commands_total counter
ledgerbridge_commands_total{aggregate="order",command="PlaceOrder",result="recorded"} 1
`;

/**
 * Prometheus' scrape target, on the API port behind an API key like every route: a Prometheus
 * server presents a key with `metrics:read` (`authorization: {credentials: lbk_...}` in its
 * scrape config). Everything is read when scraped; nothing here is on the request path.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format 0.0.4).',
    description: 'Needs metrics:read, ops:read or ops:admin. The series are listed in docs/operations.md, "Health, logs, metrics and traces".',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Every ledgerbridge_* series, then the process_* and nodejs_* ones', content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } } })
  @RequireScope('metrics:read', 'ops:read', 'ops:admin')
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}
