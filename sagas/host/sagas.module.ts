import { Module } from '@nestjs/common';
import { RuntimeModule } from '../../src/runtime/runtime.module';
import { SagaHost } from './saga-host';

/** The process managers (sagas/) running inside the service. */
@Module({
  imports: [RuntimeModule],
  providers: [SagaHost],
  exports: [SagaHost],
})
export class SagasModule {}
