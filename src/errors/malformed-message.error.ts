/** A gRPC request whose bytes are not its method's protobuf message (400 / INVALID_ARGUMENT). */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`the request is not a valid protobuf message for ${method}: ${reason}`);
  }
}
