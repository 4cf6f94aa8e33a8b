/**
 * OData v4 `$batch` bodies (multipart/mixed, one nested multipart per changeset, each part an
 * HTTP message), written and read for requests and responses alike: the connector writes a
 * request and reads the response, the simulator the other way round. Written here because the
 * OData clients on npm bring a whole SDK for these few lines.
 */

/** One HTTP message inside a batch: `POST <url> HTTP/1.1` or `HTTP/1.1 201 Created`, its headers (names lower-case) and body. */
export interface BatchMessage {
  startLine: string;
  headers: Record<string, string>;
  body: string;
  contentId?: string;
}

/** The boundary parameter of a multipart Content-Type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  return /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
}

/** A `$batch` body whose every changeset holds the given messages (each changeset is applied all or nothing). */
export function writeBatch(boundary: string, changesets: Array<{ boundary: string; messages: BatchMessage[] }>): string {
  return multipart(
    boundary,
    changesets.map(
      (changeset) =>
        `Content-Type: multipart/mixed; boundary=${changeset.boundary}\r\n\r\n` +
        multipart(
          changeset.boundary,
          changeset.messages.map((message) => {
            const headers = Object.entries(message.headers)
              .map(([name, value]) => `${name}: ${value}\r\n`)
              .join('');
            const id = message.contentId !== undefined ? `Content-ID: ${message.contentId}\r\n` : '';
            return `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${id}\r\n${message.startLine}\r\n${headers}\r\n${message.body}`;
          }),
        ),
    ),
  );
}

/** The messages of a `$batch` body, grouped by changeset (a part outside any changeset is a group of one); throws on a body that is not one. */
export function readBatch(contentType: string | undefined, body: string): BatchMessage[][] {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new SyntaxError('a $batch needs Content-Type multipart/mixed with a boundary');
  return partsOf(body, boundary).map((part) => {
    const { headers, body: content } = split(part);
    const nested = boundaryOf(headers['content-type']);
    if (headers['content-type']?.startsWith('multipart/mixed') && nested !== undefined) return partsOf(content, nested).map(messageOf);
    return [messageOf(part)];
  });
}

function multipart(boundary: string, parts: string[]): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
}

function partsOf(body: string, boundary: string): string[] {
  const pieces = body.split(`--${boundary}`);
  const parts: string[] = [];
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) return parts;
    parts.push(piece.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  }
  throw new SyntaxError(`the multipart body does not end with --${boundary}--`);
}

function messageOf(part: string): BatchMessage {
  const outer = split(part);
  if (!outer.headers['content-type']?.startsWith('application/http')) throw new SyntaxError('a batch part must be Content-Type application/http');
  const inner = split(outer.body);
  const [startLine, ...rest] = inner.head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of rest) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine: startLine.trim(), headers, body: inner.body, ...(outer.headers['content-id'] !== undefined ? { contentId: outer.headers['content-id'] } : {}) };
}

function split(text: string): { head: string; headers: Record<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const body = match ? text.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { head, headers, body };
}
