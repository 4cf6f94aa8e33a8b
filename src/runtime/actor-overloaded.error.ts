/** The actor's mailbox is full: the caller should retry after the given delay (HTTP 429 / RESOURCE_EXHAUSTED). */
export class ActorOverloadedError extends Error {
  override readonly name = 'ActorOverloadedError';
  constructor(
    readonly actorKey: string,
    readonly retryAfterMs: number,
  ) {
    super(`${actorKey} is overloaded, retry after ${retryAfterMs} ms`);
  }
}
