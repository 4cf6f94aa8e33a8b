import { v5 as uuidv5 } from 'uuid';
import { sapField } from './sap-field';

/** Fixed namespace: the same batch gets the same message UUID on every node, for every resend. */
const LEDGERBRIDGE_SAP_MESSAGES = '3b0f6d2e-8f57-4a43-9a55-2c4f1d8e7b61';

/**
 * What SAP recognises a re-sent batch by: the bulk MessageHeader ID (at most 35 characters) and
 * UUID, the UUID also going as the transport `?MessageId=`, so SAP's runtime processes the message
 * once however often it arrives. Both are derived from the batch id and the replay generation
 * alone: SAP never processes a message id twice, so a replay an operator asks for after SAP refused
 * the content goes under the next generation (`<batchId>-r<g>`), generation 0 being the batch id itself.
 */
export function sapMessageId(batchId: string, generation = 0): { id: string; uuid: string } {
  const name = generation === 0 ? batchId : `${batchId}-r${generation}`;
  return { id: sapField('MessageHeaderID', name), uuid: uuidv5(name, LEDGERBRIDGE_SAP_MESSAGES) };
}

/** The MessageHeader ID of the batch's `position`-th entry (1-based) in a generation; SAP's confirmation names it as ReferenceID. */
export function sapEntryMessageId(batchId: string, position: number, generation = 0): string {
  return sapField('MessageHeaderID', generation === 0 ? `${batchId}-${position}` : `${batchId}-r${generation}-${position}`);
}
