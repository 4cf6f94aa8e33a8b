import { parse } from 'uuid';
import { nameBasedUuid } from '../hashing/name-based-uuid';

/** Fixed namespace: the same (principal, key) yields the same command id on every node, forever; as its 16 bytes, parsed once. */
const IDEMPOTENT_COMMANDS = parse('c2a4f0de-5b7e-4f43-9d0c-8a1e6b3f7d21');

/**
 * The command id for a request carrying an Idempotency-Key. If the process dies after the
 * append but before the answer is stored, the client's retry sends the same command id to the
 * aggregate, which answers from its handled-command record instead of appending again.
 * `step` tells apart several commands sent while serving one request.
 */
export function commandIdFor(principal: string, idempotencyKey: string, step = ''): string {
  return nameBasedUuid(JSON.stringify([principal, idempotencyKey, step]), IDEMPOTENT_COMMANDS);
}
