/** A gRPC call that arrived once the service began closing its servers (503 / UNAVAILABLE: send it again). */
export class ServiceStoppingError extends Error {
  override readonly name = 'ServiceStoppingError';
  constructor() {
    super('the service is stopping: send the call again, to another node or once this one is back');
  }
}
