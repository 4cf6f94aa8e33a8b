import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { liveTable } from '../../projections/runner/live-table';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { toApiError } from '../../src/errors/error-mapping';
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
});
