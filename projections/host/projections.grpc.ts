import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../src/access/access-requirements';
import { ProjectionHost } from './projection-host';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { ProjectionNameDto } from './projection-name.dto';
import type { ProjectionStatusView, ProjectionsView } from './projection-status.view';

/** `ledgerbridge.finance.v1.Projections`: the twin of GET /projections. */
@Controller()
export class ProjectionsGrpcController {
  constructor(@Inject(ProjectionHost) private readonly host: ProjectionHost) {}

  @GrpcMethod('Projections', 'ListProjections')
  @RequireScope('finance:read', 'ops:admin', 'ops:read')
  async list(): Promise<ProjectionsView> {
    return { projections: await this.host.status() };
  }

  @GrpcMethod('Projections', 'RestartProjection')
  @RequireScope('ops:admin')
  async restart(@Payload() request: ProjectionNameDto): Promise<ProjectionStatusView> {
    const status = await this.host.restart(request.name);
    if (!status) throw new EntityNotFoundError('projection', request.name);
    return status;
  }
}
