import { parse } from 'uuid';
import { nameBasedUuid } from '../hashing/name-based-uuid';

/** Fixed namespace so the same command id yields the same event ids on every node, forever; as its 16 bytes, parsed once. */
const LEDGERBRIDGE_EVENTS = parse('6f1f1a52-6c43-4f8e-9b0e-2f7f6c1d2a10');

/** The id of the `index`-th event produced by a command: a retried command cannot duplicate. */
export function eventIdFor(commandId: string, index: number): string {
  return nameBasedUuid(`${commandId}/${index}`, LEDGERBRIDGE_EVENTS);
}
