import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace: the same saga step yields the same ids on every node and after every restart. */
const LEDGERBRIDGE_SAGAS = 'a3c1e7d2-5b84-4f0a-9c6e-8d2b1f4e7a90';

export function sagaStreamId(sagaName: string, instanceId: string): string {
  return `saga-${sagaName}-${instanceId}`;
}

/**
 * The id of the `index`-th command an input leads to. A step replayed after a crash or a
 * retry issues the same id, and the aggregate answers it with its first outcome.
 */
export function sagaCommandId(sagaName: string, instanceId: string, inputId: string, index: number): string {
  return uuidv5(`${sagaName}/${instanceId}/${inputId}/command/${index}`, LEDGERBRIDGE_SAGAS);
}

/** The id of the `index`-th saga event recorded for an input, so a repeated append is a no-op. */
export function sagaEventId(streamId: string, inputId: string, index: number): string {
  return uuidv5(`${streamId}/${inputId}/event/${index}`, LEDGERBRIDGE_SAGAS);
}
