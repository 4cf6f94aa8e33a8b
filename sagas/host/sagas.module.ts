import { Module } from '@nestjs/common';
import { RuntimeModule } from '../../src/runtime/runtime.module';
import { SagaHost } from './saga-host';
import { SagaMonitoring } from './saga-monitoring';

/** The process managers (sagas/) running inside the service. */
@Module({
  imports: [RuntimeModule],
  providers: [SagaHost, SagaMonitoring],
  exports: [SagaHost],
})
export class SagasModule {}
