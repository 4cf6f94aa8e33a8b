import { parse } from 'uuid';
import { nameBasedUuid } from '../../src/hashing/name-based-uuid';

/** Fixed namespace: the same saga step yields the same ids on every node and after every restart; its 16 bytes, parsed once. */
const LEDGERBRIDGE_SAGAS = parse('a3c1e7d2-5b84-4f0a-9c6e-8d2b1f4e7a90');

/**
 * An instance's stream. The instance id is the last part, so it may hold anything; saga names
 * are the registry's fixed names, none of which followed by `-` begins another (checked by the
 * registry's test), so two sagas' streams never meet either.
 */
export function sagaStreamId(sagaName: string, instanceId: string): string {
  return `saga-${sagaName}-${instanceId}`;
}

/**
 * The name a uuidv5 is made from, for a tuple of parts. Ids were first made from the parts
 * joined with `/`, which two tuples meet once a part may hold `/` (the channel-order saga's
 * timers are `wait/<key>`: instance `a/b` with input `c`, and instance `a` with input `b/c`).
 * A tuple without `/` keeps that joined name, so saga events and commands already recorded keep
 * their ids; any other takes its JSON text, which begins with `[` where no joined name does
 * (those begin with a saga name or a `saga-` stream id).
 */
function nameOf(parts: ReadonlyArray<string | number>): string {
  return parts.some((part) => typeof part === 'string' && part.includes('/')) ? JSON.stringify(parts) : parts.join('/');
}

/**
 * The id of the `index`-th command an input leads to. A step replayed after a crash or a
 * retry issues the same id, and the aggregate answers it with its first outcome.
 */
export function sagaCommandId(sagaName: string, instanceId: string, inputId: string, index: number): string {
  return nameBasedUuid(nameOf([sagaName, instanceId, inputId, 'command', index]), LEDGERBRIDGE_SAGAS);
}

/**
 * The id of the `index`-th saga event recorded for an input when the stream stood at `revision`,
 * so a repeated append is a no-op.
 */
export function sagaEventId(streamId: string, inputId: string, revision: number, index: number): string {
  return nameBasedUuid(nameOf([streamId, inputId, revision, 'event', index]), LEDGERBRIDGE_SAGAS);
}
