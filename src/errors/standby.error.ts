/**
 * This node stands by for work another node runs (the sagas, on EventStoreDB with several saga
 * nodes): 503 / UNAVAILABLE naming the node holding the lease, so a balancer or operator asks it.
 */
export class StandbyError extends Error {
  override readonly name = 'StandbyError';
  constructor(
    readonly work: string,
    readonly holder: string | undefined,
  ) {
    super(`this node stands by for the ${work}; ${holder ? `${holder} runs them` : 'no node holds the lease right now'}: ask that node`);
  }
}
