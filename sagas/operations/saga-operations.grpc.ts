import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../src/access/access-requirements';
import { Idempotent } from '../../src/idempotency/idempotent.decorator';
import { SagaInstanceRef, SagaInstancesRequest } from './dto/saga-requests.dto';
import type { SagaInstanceView } from './dto/saga-views';
import { SagaCommands } from './saga-commands.service';

/** proto3 has no "any JSON": the failed input travels as a JSON string. */
const wire = ({ parked, ...instance }: SagaInstanceView) => ({
  ...instance,
  ...(parked ? { parked: { reason: parked.reason, attempts: parked.attempts, inputJson: JSON.stringify(parked.input), at: parked.at ?? '' } } : {}),
});

/** `ledgerbridge.ops.v1.Operations`: the twin of the /ops/sagas routes. */
@Controller()
@RequireScope('ops:admin')
export class SagaOperationsGrpcController {
  constructor(@Inject(SagaCommands) private readonly operations: SagaCommands) {}

  @GrpcMethod('Operations', 'ListSagas')
  @RequireScope('ops:admin', 'ops:read')
  summaries() {
    return this.operations.summaries();
  }

  @GrpcMethod('Operations', 'ListSagaInstances')
  @RequireScope('ops:admin', 'ops:read')
  async instances(@Payload() request: SagaInstancesRequest) {
    const page = await this.operations.instances(request);
    return { ...page, instances: page.instances.map(wire) };
  }

  @GrpcMethod('Operations', 'ListOverdueInstances')
  @RequireScope('ops:admin', 'ops:read')
  async overdue() {
    return { instances: (await this.operations.overdue()).instances.map(({ instance, ...rest }) => ({ instance: wire(instance), ...rest })) };
  }

  @GrpcMethod('Operations', 'ListParkedInstances')
  @RequireScope('ops:admin', 'ops:read')
  async parked() {
    return { instances: (await this.operations.parked()).instances.map(wire) };
  }

  @GrpcMethod('Operations', 'RetryInstance')
  @Idempotent()
  async retry(@Payload() request: SagaInstanceRef) {
    const { outcome, instance } = await this.operations.retry(request.saga, request.instanceId);
    return { outcome, instance: wire(instance) };
  }
}
