/** A read model has no live tables until its runner has started once (503 / UNAVAILABLE). */
export class ReadModelNotReadyError extends Error {
  override readonly name = 'ReadModelNotReadyError';
}
