import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { liveTable } from '../../projections/runner/live-table';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import { toApiError } from '../../src/errors/error-mapping';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { ServiceStoppingError } from '../../src/errors/service-stopping.error';
import { StandbyError } from '../../src/errors/standby.error';
import { tempDir } from '../support/temp-dir';

describe('error mapping', () => {
  it('tells a client asking a view whose projection has not started to retry (503 / UNAVAILABLE), not that the server broke', () => {
    const dir = tempDir('error-mapping');
    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    try {
      let thrown: unknown;
      try {
        liveTable(db, 'journal', 'lines');
      } catch (error) {
        thrown = error;
      }
      const answer = toApiError(thrown);
      assert.deepEqual({ status: answer.status, grpcCode: answer.grpcCode, code: answer.code }, { status: 503, grpcCode: GrpcStatus.UNAVAILABLE, code: 'READ_MODEL_NOT_READY' });
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('tells a client when to try again after a 503 that passes (Retry-After, RetryInfo), and not a standby, which will not do the work', () => {
    const answers = [
      new EventStoreUnavailableError('connection refused'),
      new ReadModelNotReadyError('journal has not started'),
      new ServiceStoppingError(),
      new StandbyError('saga ops view', 'node-b'),
    ].map(toApiError);
    assert.deepEqual(
      answers.map((a) => [a.status, a.code, a.retryAfterMs]),
      [
        [503, 'UNAVAILABLE', 1000],
        [503, 'READ_MODEL_NOT_READY', 1000],
        [503, 'STOPPING', 1000],
        [503, 'STANDBY', undefined],
      ],
    );
  });
});
