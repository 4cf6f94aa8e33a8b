import { v5 as uuidv5 } from 'uuid';
import { sapField } from './sap-field';

/** Fixed namespace: the same batch gets the same message UUID on every node, for every resend. */
const LEDGERBRIDGE_SAP_MESSAGES = '3b0f6d2e-8f57-4a43-9a55-2c4f1d8e7b61';

/**
 * What SAP recognises a re-sent batch by: the bulk MessageHeader ID (at most 35 characters) and
 * UUID, the UUID also going as the transport `?MessageId=`, so SAP's runtime processes the message
 * once however often it arrives. Both are derived from the batch id alone.
 */
export function sapMessageId(batchId: string): { id: string; uuid: string } {
  return { id: sapField('MessageHeaderID', batchId), uuid: uuidv5(batchId, LEDGERBRIDGE_SAP_MESSAGES) };
}

/** The MessageHeader ID of the batch's `position`-th entry (1-based); SAP's confirmation names it as ReferenceID. */
export function sapEntryMessageId(batchId: string, position: number): string {
  return sapField('MessageHeaderID', `${batchId}-${position}`);
}
