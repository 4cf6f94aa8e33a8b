import { parse } from 'lossless-json';
import { nestsDeeperThan } from '../transport/json-nesting';
import { ChannelPayloadError } from './payload-reader';

/**
 * How deep a channel body may nest. Shopify's bodies go about six levels down; the parser
 * descends recursively, so a body 10,000 levels deep would overflow its stack.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/**
 * Parses a channel's JSON body without losing digits: every number stays a LosslessNumber
 * holding the digits as written (`25.0`, `820982911946154508`), so amounts never pass through
 * floating point and ids beyond 2^53 stay exact; PayloadReader reads them. A key given twice
 * with different values is a SyntaxError, like any malformed JSON.
 */
export function parseChannelPayload(raw: Buffer | string): unknown {
  const text = raw.toString();
  if (nestsDeeperThan(text, MAX_PAYLOAD_DEPTH)) throw new ChannelPayloadError('body', `nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  return parse(text);
}
