import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { ReferenceDataGrpcController } from './grpc/reference-data.grpc';
import { ReferenceDataHttpController } from './http/reference-data.http';
import { ReferenceDataCommands } from './reference-data-commands.service';

/** Governed reference data: imports and the mappings in force, over HTTP and gRPC. */
@Module({
  imports: [RuntimeModule],
  controllers: [ReferenceDataHttpController, ReferenceDataGrpcController],
  providers: [ReferenceDataCommands],
})
export class ReferenceDataModule {}
