import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { RequireScope } from '../access/access-requirements';
import { ProjectionHost } from './projection-host';
import type { ProjectionsView } from './projection-status.view';

/** `ledgerbridge.finance.v1.Projections`: the twin of GET /projections. */
@Controller()
export class ProjectionsGrpcController {
  constructor(@Inject(ProjectionHost) private readonly host: ProjectionHost) {}

  @GrpcMethod('Projections', 'ListProjections')
  @RequireScope('finance:read', 'ops:admin')
  async list(): Promise<ProjectionsView> {
    return { projections: await this.host.status() };
  }
}
