/**
 * A request refused for breaking HTTP itself, before any route runs: no Host on HTTP/1.1, an
 * expectation the server cannot meet, a request arriving while the server shuts down.
 */
export class HttpProtocolError extends Error {
  override readonly name = 'HttpProtocolError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
