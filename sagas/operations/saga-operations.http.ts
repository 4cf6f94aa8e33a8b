import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../src/access/access-requirements';
import { RefusedAnswer } from '../../src/api-docs/documented';
import { Idempotent } from '../../src/idempotency/idempotent.decorator';
import { SagaInstanceRef, SagaInstancesQuery, SagaRef } from './dto/saga-requests.dto';
import { OverdueInstancesView, ParkedInstancesView, RetryOutcomeView, SagaInstancePageView, SagaSummariesView } from './dto/saga-views';
import * as example from './saga-examples';
import { SagaCommands } from './saga-commands.service';

@ApiTags('operations')
@Controller('ops/sagas')
// Retry needs ops:admin; the reads also take ops:read, which sees without acting.
@RequireScope('ops:admin')
export class SagaOperationsHttpController {
  constructor(@Inject(SagaCommands) private readonly operations: SagaCommands) {}

  @Get()
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: 'Every saga with its instances counted by state, and how many are past their deadline.' })
  @ApiOkResponse({ description: 'Each saga', type: SagaSummariesView, example: example.SUMMARIES })
  summaries(): Promise<SagaSummariesView> {
    return this.operations.summaries();
  }

  @Get('overdue')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: 'Unfinished instances with a timer that did not fire in time, or that took no input for SAGA_STEP_OVERDUE_AFTER.' })
  @ApiOkResponse({ description: 'The overdue instances, each with why and since when', type: OverdueInstancesView, example: example.OVERDUE })
  overdue(): Promise<OverdueInstancesView> {
    return this.operations.overdue();
  }

  @Get('parked')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: 'Parked failures of every saga, with the reason and the input that failed.' })
  @ApiOkResponse({ description: 'The parked instances', type: ParkedInstancesView, example: example.PARKED })
  parked(): Promise<ParkedInstancesView> {
    return this.operations.parked();
  }

  @Get(':saga/instances')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: "One page of a saga's instances in one state, by instance id (completed: in completion order)." })
  @ApiOkResponse({ description: 'The page, and where the next one starts', type: SagaInstancePageView, example: example.COMPLETED_PAGE })
  @ApiNotFoundResponse({ description: 'No such saga' })
  instances(@Param() path: SagaRef, @Query() query: SagaInstancesQuery): Promise<SagaInstancePageView> {
    return this.operations.instances({ ...query, saga: path.saga });
  }

  @Post(':saga/instances/:instanceId/retry')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Re-runs a parked instance: its failed input, then the inputs that waited behind it, in order.' })
  @ApiOkResponse({ description: 'Resumed, or parked again with the reason', type: RetryOutcomeView, example: example.RETRIED })
  @ApiNotFoundResponse({ description: 'No such saga or instance' })
  @RefusedAnswer(409, 'INSTANCE_NOT_PARKED: the instance is not parked', [example.NOT_PARKED])
  retry(@Param() path: SagaInstanceRef): Promise<RetryOutcomeView> {
    return this.operations.retry(path.saga, path.instanceId);
  }
}
