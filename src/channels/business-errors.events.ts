/** Why a channel payload was not turned into a command, with what finance needs to fix it. */
export interface BusinessError {
  channel: string;
  deliveryId: string;
  topic: string;
  sourceRef: string;
  /** LOCATION_NOT_MAPPED: reference data governs locations and has none for the payload's store on its day. */
  reason: 'TOTALS_DO_NOT_ADD_UP' | 'MALFORMED_PAYLOAD' | 'REFUSED_BY_RULES' | 'CHANNEL_ORDER_CHANGED' | 'LOCATION_NOT_MAPPED';
  message: string;
  details: Record<string, unknown>;
  recordedAt: string;
  /**
   * The company whose books the fact would touch, where the channel knows it (a Shopify shop's
   * company code); absent where it does not (a register sale at a store reference data does not
   * map: the mapping decides the company) and on entries recorded before companies were kept.
   */
  companyCode?: string;
  /** The payload went through; the entry holds what of it is left for a person (an edit of a posted order, a promotion's refusal). */
  payloadTaken?: true;
}

/** What reprocessing the kept payload gave: it went through, or it was refused again (and why, now). */
export type ReprocessingOutcome =
  { status: 'resolved'; answer: Record<string, unknown> } | { status: 'rejected'; reason: BusinessError['reason']; message: string; details: Record<string, unknown> };

/** The entry as first recorded (the type predates the aggregate: stored events are never renamed). */
export type ChannelPayloadRejected = { type: 'ChannelPayloadRejected'; data: BusinessError };
export type BusinessErrorReprocessed = { type: 'BusinessErrorReprocessed'; data: { outcome: ReprocessingOutcome; by: string; at: string } };
export type BusinessErrorDismissed = { type: 'BusinessErrorDismissed'; data: { reason: string; by: string; at: string } };

export type BusinessErrorEvent = ChannelPayloadRejected | BusinessErrorReprocessed | BusinessErrorDismissed;
