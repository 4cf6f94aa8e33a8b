import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { ProjectionDatabase } from './projection-database';

/** The physical name of a projection's table in the generation readers see now. */
export function liveTable(db: ProjectionDatabase, projection: string, table: string): string {
  const live = db.liveGeneration(projection);
  if (!live) throw new ReadModelNotReadyError(`the ${projection} read model has not been started`);
  return ProjectionDatabase.tableName(projection, table, live.generation);
}

/** The global position a projection's rows stand at, as decimal text (null before its first event). */
export function checkpointOf(db: ProjectionDatabase, projection: string): string | null {
  return db.liveGeneration(projection)?.checkpoint?.toString() ?? null;
}
