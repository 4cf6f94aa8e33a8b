import { Module } from '@nestjs/common';
import { BusinessErrorIndex } from '../../src/channels/business-error-index';
import { BusinessErrorCommands } from '../../src/channels/business-errors';
import { RuntimeModule } from '../../src/runtime/runtime.module';
import { ProjectionsModule } from '../host/projections-host.module';
import { FiscalCalendarCommands } from './fiscal-calendar-commands.service';
import { FiscalPeriodsGrpcController } from './grpc/fiscal-periods.grpc';
import { FiscalPeriodsHttpController } from './http/fiscal-periods.http';

/**
 * Fiscal calendars and period closes over HTTP and gRPC. On the projections role: closing asks the
 * journal and the posting batches, and the checklist reads them. The business-error queue is read
 * through its own application service and index (an index of its own here: it follows the log).
 */
@Module({
  imports: [RuntimeModule, ProjectionsModule],
  controllers: [FiscalPeriodsHttpController, FiscalPeriodsGrpcController],
  providers: [FiscalCalendarCommands, BusinessErrorCommands, BusinessErrorIndex],
})
export class FiscalPeriodsModule {}
