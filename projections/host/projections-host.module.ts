import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { eventStoreSourceOf } from '../../src/event-store/event-store-source';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionHost } from './projection-host';
import { ProjectionMonitoring } from './projection-monitoring';
import { RUNNER_CONTROL } from './projection-runners';
import { ProjectionThread } from './projection-thread';
import { ProjectionsGrpcController } from './projections.grpc';
import { ProjectionsHttpController } from './projections.http';
import { REGISTERED_PROJECTIONS } from './registered-projections';

/**
 * Read models inside the running service: every registered projection runs on the projection
 * thread, which writes DATA_DIR/projections.sqlite (whichever event store is used); this thread
 * keeps a read-only connection to it for the views, and serves the projections' status. Global,
 * so finance, audit and batch modules inject ProjectionDatabase (and ProjectionHost) directly.
 */
@Global()
@Module({
  controllers: [ProjectionsHttpController, ProjectionsGrpcController],
  providers: [
    { provide: ProjectionDatabase, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ProjectionDatabase(config.projectionsFile, { access: 'read' }) },
    {
      provide: RUNNER_CONTROL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ProjectionThread({
          projectionsFile: config.projectionsFile,
          store: eventStoreSourceOf(config),
          projections: REGISTERED_PROJECTIONS.map((p) => p.name),
          niceness: config.BACK_OFFICE_NICENESS,
        }),
    },
    ProjectionHost,
    ProjectionMonitoring,
  ],
  exports: [ProjectionDatabase, ProjectionHost],
})
export class ProjectionsModule {}
