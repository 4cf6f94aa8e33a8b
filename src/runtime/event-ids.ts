import { parse, v5 as uuidv5 } from 'uuid';

/** Fixed namespace so the same command id yields the same event ids on every node, forever; as bytes, since uuid parses a namespace given as text (twice) on every id. */
const LEDGERBRIDGE_EVENTS = parse('6f1f1a52-6c43-4f8e-9b0e-2f7f6c1d2a10');

/** The id of the `index`-th event produced by a command: a retried command cannot duplicate. */
export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}/${index}`, LEDGERBRIDGE_EVENTS);
}
