import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { journalProjection } from '../journal/journal.projection';
import { postingBatchesProjection } from './posting-batches.projection';
import { PostingBatchQueries } from './posting-batches.queries';
import { ProjectionDatabase } from '../runner/projection-database';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { ChartOfAccountsModule } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import type { GlobalPosition } from '../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { RuntimeModule } from '../../src/runtime/runtime.module';
import { ProjectionHost } from '../host/projection-host';
import { ProjectionsModule } from '../host/projections-host.module';
import { BatchCloser, type BatchCloserReads } from './batch-closer';
import { PostingBatchesGrpcController } from './grpc/posting-batches.grpc';
import { PostingBatchesHttpController } from './http/posting-batches.http';
import { PostingBatchCommands } from './posting-batch-commands.service';

/**
 * Waits for a read model the host runs to reach a position. Through the host, so a projection
 * that is not registered, never started or failed rejects instead of holding shutdown forever.
 */
function reached(host: ProjectionHost, projection: string): (position: GlobalPosition) => Promise<void> {
  return (position) => host.waitFor(projection, position);
}

/**
 * The service's closer: it sends closes through the service's actors, and waits for the
 * posting-batches read model to hold the company's last batch, and for the journal to be caught
 * up (a version rebuild finished), before reading what is open through `reads` (in the service,
 * on the projection thread: ProjectionHost.closeReads).
 */
export function serviceBatchCloser(dispatcher: CommandDispatcher, reads: BatchCloserReads, host: ProjectionHost, maxEntries: number): BatchCloser {
  return new BatchCloser(dispatcher, reads, {
    maxEntries,
    batchesReached: reached(host, postingBatchesProjection.name),
    journalReady: (companyCode) => host.caughtUpFor(journalProjection.name, companyCode),
  });
}

/**
 * Closes full batches while the service runs. The watching is done on the projection thread,
 * beside the journal it reads (ProjectionHost.watchBatchSizes), and stops with it; only the
 * closing of a full day comes back to this thread's closer and actors, and the closer reads
 * what it closes on the projection thread too.
 */
@Injectable()
class SizeTriggeredClosing implements OnApplicationBootstrap {
  constructor(
    @Inject(BatchCloser) private readonly closer: BatchCloser,
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.host.watchBatchSizes(this.config.BATCH_MAX_ENTRIES, (days) => this.closer.closeFullBatches(days));
  }
}

/**
 * Posting batches at the edge: close (ops:admin), list, read and export (finance:read) over
 * HTTP and gRPC, and size-triggered closing. Imports ProjectionsModule so its runners are up
 * before closing starts.
 */
@Module({
  imports: [RuntimeModule, ProjectionsModule, ChartOfAccountsModule],
  controllers: [PostingBatchesHttpController, PostingBatchesGrpcController],
  providers: [
    { provide: PostingBatchQueries, inject: [ProjectionDatabase], useFactory: (db: ProjectionDatabase) => new PostingBatchQueries(db) },
    {
      provide: BatchCloser,
      inject: [CommandDispatcher, ProjectionHost, APP_CONFIG],
      useFactory: (dispatcher: CommandDispatcher, host: ProjectionHost, config: AppConfig) => serviceBatchCloser(dispatcher, host.closeReads, host, config.BATCH_MAX_ENTRIES),
    },
    PostingBatchCommands,
    SizeTriggeredClosing,
  ],
})
export class PostingBatchesModule {}
