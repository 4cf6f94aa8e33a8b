import { parse, v5 as uuidv5 } from 'uuid';

/** Fixed namespace: the same (principal, key) yields the same command id on every node, forever; as bytes, since uuid parses a namespace given as text (twice) on every id. */
const IDEMPOTENT_COMMANDS = parse('c2a4f0de-5b7e-4f43-9d0c-8a1e6b3f7d21');

/**
 * The command id for a request carrying an Idempotency-Key. If the process dies after the
 * append but before the answer is stored, the client's retry sends the same command id to the
 * aggregate, which answers from its handled-command record instead of appending again.
 * `step` tells apart several commands sent while serving one request.
 */
export function commandIdFor(principal: string, idempotencyKey: string, step = ''): string {
  // JSON.stringify writes no lone surrogate, so its UTF-8 bytes are those uuid would encode from the text, without its per-character copy.
  return uuidv5(Buffer.from(JSON.stringify([principal, idempotencyKey, step]), 'utf8'), IDEMPOTENT_COMMANDS);
}
