import { Global, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionHost, REGISTERED } from './projection-host';
import { ProjectionsGrpcController } from './projections.grpc';
import { ProjectionsHttpController } from './projections.http';
import { REGISTERED_PROJECTIONS } from './registered-projections';

/** Read models live beside the event store's file even when the store is EventStoreDB. */
export const projectionsFile = (config: AppConfig): string => resolve(config.DATA_DIR, 'projections.sqlite');

/**
 * Read models inside the running service: opens DATA_DIR/projections.sqlite (whichever event
 * store is used), runs every registered projection, and serves their status. Global, so
 * finance, audit and batch modules inject ProjectionDatabase (and ProjectionHost) directly.
 */
@Global()
@Module({
  controllers: [ProjectionsHttpController, ProjectionsGrpcController],
  providers: [
    { provide: ProjectionDatabase, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ProjectionDatabase(projectionsFile(config)) },
    { provide: REGISTERED, useValue: REGISTERED_PROJECTIONS },
    ProjectionHost,
  ],
  exports: [ProjectionDatabase, ProjectionHost],
})
export class ProjectionsModule {}
