import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../access/access-requirements';
import { ProjectionHost } from './projection-host';
import { ProjectionsView } from './projection-status.view';

@ApiTags('projections')
@Controller('projections')
export class ProjectionsHttpController {
  constructor(@Inject(ProjectionHost) private readonly host: ProjectionHost) {}

  /** Whether each read model is live, how far behind the log it is, and why it failed if it did. */
  @Get()
  @RequireScope('finance:read', 'ops:admin')
  @ApiOkResponse({ type: ProjectionsView })
  async list(): Promise<ProjectionsView> {
    return { projections: await this.host.status() };
  }
}
