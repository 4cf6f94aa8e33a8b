import { hash } from 'node:crypto';
import { stringify, v5 as uuidv5 } from 'uuid';

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The version 5 (name-based, SHA-1) UUID of `name` in `namespace` (its 16 bytes): the one uuid's
 * v5 gives. uuid hashes through createHash, a Hash object per id; Node's one-shot crypto.hash
 * makes none (a new order takes three ids: that object and its digest were ~2% of the main
 * thread's time). A name holding a surrogate goes to uuid itself, whose UTF-8 encoding refuses a
 * lone one where Buffer.from would replace it.
 */
export function nameBasedUuid(name: string, namespace: Uint8Array): string {
  if (SURROGATE.test(name)) return uuidv5(name, namespace);
  const digest = hash('sha1', Buffer.concat([namespace, Buffer.from(name, 'utf8')]), 'buffer');
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return stringify(digest);
}
