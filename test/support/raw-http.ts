import { connect, type Socket } from 'node:net';

/** A response as it came off the wire: status, headers (names lower-cased) and body text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A plain TCP connection to 127.0.0.1:`port`, for requests no HTTP client would send. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `bytes` as they are on a new connection; resolves with the first response on it. */
export async function rawRequest(port: number, bytes: string | Buffer): Promise<RawResponse> {
  const socket = await openSocket(port);
  try {
    const answer = nextResponse(socket);
    socket.write(bytes);
    return await answer;
  } finally {
    socket.destroy();
  }
}

/** The next complete response on `socket` (by Content-Length, chunked encoding, or the connection's end). */
export function nextResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (response: RawResponse) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onClose);
      resolve(response);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parse(received, false);
      if (response) finish(response);
    };
    const onClose = () => {
      const response = parse(received, true);
      if (response) finish(response);
      else reject(new Error(`the connection closed without a complete response: ${JSON.stringify(received.toString('latin1'))}`));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
  });
}

function parse(bytes: Buffer, ended: boolean): RawResponse | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  const rest = bytes.subarray(headEnd + 4);
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? { status, headers, body: rest.subarray(0, length).toString('utf8') } : undefined;
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body = dechunk(rest);
    return body === undefined ? undefined : { status, headers, body };
  }
  return ended ? { status, headers, body: rest.toString('utf8') } : undefined;
}

function dechunk(bytes: Buffer): string | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
