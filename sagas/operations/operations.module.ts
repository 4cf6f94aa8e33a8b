import { Module } from '@nestjs/common';
import { SagasModule } from '../host/sagas.module';
import { SagaOperationsGrpcController } from './saga-operations.grpc';
import { SagaOperationsHttpController } from './saga-operations.http';
import { SagaCommands } from './saga-commands.service';

/** What operators see and do (scope ops:admin): saga instances by state, late ones, parked failures, retry. */
@Module({
  imports: [SagasModule],
  controllers: [SagaOperationsHttpController, SagaOperationsGrpcController],
  providers: [SagaCommands],
})
export class OperationsModule {}
