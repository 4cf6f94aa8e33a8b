import { parse } from 'lossless-json';
import { ChannelPayloadError } from './payload-reader';

/**
 * How deep a channel body may nest. Shopify's bodies go about six levels down; the parser
 * descends recursively, so a body 10,000 levels deep would overflow its stack.
 */
export const MAX_PAYLOAD_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Refuses a body nested deeper than MAX_PAYLOAD_DEPTH before it is parsed: one pass over the
 * text, counting brackets outside strings, no recursion. Malformed text is left to the parser.
 */
function requireBoundedDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > MAX_PAYLOAD_DEPTH) throw new ChannelPayloadError('body', `nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
}

/**
 * Parses a channel's JSON body without losing digits: every number stays a LosslessNumber
 * holding the digits as written (`25.0`, `820982911946154508`), so amounts never pass through
 * floating point and ids beyond 2^53 stay exact; PayloadReader reads them. A key given twice
 * with different values is a SyntaxError, like any malformed JSON.
 */
export function parseChannelPayload(raw: Buffer | string): unknown {
  const text = raw.toString();
  requireBoundedDepth(text);
  return parse(text);
}
