import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../src/access/access-requirements';
import { ExampleBody, KEY_IN_FLIGHT, KEY_REUSED, RefusedAnswer } from '../../src/api-docs/documented';
import { CommandContext } from '../../src/edge/command-context';
import { Idempotent } from '../../src/idempotency/idempotent.decorator';
import { ProjectionHost } from './projection-host';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { EventCorrectionDto } from './event-correction.dto';
import * as example from './projection-examples';
import { ProjectionNameDto } from './projection-name.dto';
import { EventCorrectionView, ProjectionRebuildView, ProjectionStatusView, ProjectionsView } from './projection-status.view';

@ApiTags('projections')
@Controller('projections')
export class ProjectionsHttpController {
  constructor(@Inject(ProjectionHost) private readonly host: ProjectionHost) {}

  @Get()
  @RequireScope('finance:read', 'ops:admin', 'ops:read')
  @ApiOperation({ summary: 'Whether each read model is live, how far behind the log it is, and where it halted or why it failed if it did.' })
  @ApiOkResponse({ description: 'Each projection', type: ProjectionsView, example: example.PROJECTIONS })
  async list(): Promise<ProjectionsView> {
    return { projections: await this.host.status() };
  }

  @Post(':name/restart')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @ApiOperation({ summary: 'Stop and start one projection from its committed checkpoint, e.g. after a failure whose cause is fixed.' })
  @ApiOkResponse({ description: 'Its status right after the restart', type: ProjectionStatusView, example: example.RESTARTED })
  async restart(@Param() path: ProjectionNameDto): Promise<ProjectionStatusView> {
    const status = await this.host.restart(path.name);
    if (!status) throw new EntityNotFoundError('projection', path.name);
    return status;
  }

  @Post(':name/corrections')
  @RequireScope('ops:admin')
  @Idempotent()
  @ApiOperation({
    summary: 'Correct the event a projection is halted at: record the data the read side takes for it (EventCorrected), then restart the projection.',
    description:
      'The stored event is never rewritten. 409 PROJECTION_NOT_HALTED / NOT_THE_HALTED_EVENT when the projection is not halted at that event; ' +
      '422 CORRECTION_DOES_NOT_APPLY (nothing recorded) when the projection could not apply the corrected event either.',
  })
  @ExampleBody(EventCorrectionDto, example.CORRECTION, 'a POS offset of +25:00 corrected to +01:00')
  @ApiCreatedResponse({ description: 'Recorded (EventCorrected): restart the projection to take it', type: EventCorrectionView, example: example.CORRECTED })
  @RefusedAnswer(409, 'The projection is not halted at that event: nothing recorded', [...example.CORRECTION_CONFLICTS, KEY_IN_FLIGHT])
  @RefusedAnswer(422, 'The projection could not apply the corrected event either: nothing recorded (or the Idempotency-Key was used for another request)', [
    example.CORRECTION_REFUSED,
    KEY_REUSED,
  ])
  async correct(@Param() path: ProjectionNameDto, @Body() body: EventCorrectionDto, @CommandContext() context: CommandContext): Promise<EventCorrectionView> {
    const recorded = await this.host.correct(path.name, body, context);
    if (!recorded) throw new EntityNotFoundError('projection', path.name);
    return recorded;
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @RequireScope('ops:admin')
  @ApiOperation({
    summary: 'Rebuild one projection from position 0 while the service runs; switch to it only if it hash-equals the live tables.',
    description:
      'A mismatch is a 200 with equal=false and the differing tables: the live tables stay in use. ' +
      '409 NOTHING_TO_VERIFY when the log holds no event the projection reads, or the projection has applied none of them (halted at its first): nothing is compared.',
  })
  @ApiOkResponse({ description: 'The comparison, and whether readers switched to the rebuilt tables', type: ProjectionRebuildView, example: example.REBUILT })
  @RefusedAnswer(409, 'A rebuild of it runs already, or there is nothing to compare', example.REBUILD_CONFLICTS)
  async rebuild(@Param() path: ProjectionNameDto): Promise<ProjectionRebuildView> {
    const report = await this.host.rebuild(path.name);
    if (!report) throw new EntityNotFoundError('projection', path.name);
    return report;
  }
}
