import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses a channel's JSON body without losing digits: integers beyond 2^53 (Shopify's line item
 * ids) stay strings, every other number is a number.
 */
export function parseChannelPayload(raw: Buffer | string): unknown {
  return parse(raw.toString(), null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}
