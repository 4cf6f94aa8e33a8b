import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { BatchExportInput } from '../batch-export';
import type { ErpSendOutcome } from './erp-send-outcome';
import type { ErpTargetResilience } from './erp-target-resilience';

/**
 * Sends closed posting batches to one ERP target over that ERP's own interface. Every send of a
 * batch carries the same ERP idempotency keys (`keys`), so a resend after a crash never posts
 * twice; a send never throws for anything the ERP or the network does, it answers an outcome.
 */
export interface ErpConnector {
  /** The target's name from the settings (e.g. `sap-eu`); several targets may speak the same ERP. */
  readonly target: string;
  readonly erp: ErpName;
  /** Retry, breaker, bulkhead and timeout of this target, shared by every send to it. */
  readonly resilience: ErpTargetResilience;
  /** The keys a send of this batch will carry: record them before sending. */
  keys(input: BatchExportInput, replay?: ErpReplay): ErpKeys;
  /** One delivery attempt of the batch (`attempt` as the caller counts them), retried in process per the target's settings. */
  send(input: BatchExportInput, attempt: number, replay?: ErpReplay): Promise<ErpSendOutcome>;
}

/**
 * A send after an operator's replay. SAP sends only the entries it has not documented, under the
 * generation's message ids (it never processes a message id twice); NetSuite upserts the same
 * externalIds and D365 adds the missing vouchers, so they send the batch as always.
 */
export interface ErpReplay {
  generation: number;
  /** Entries (1-based) still to post; null: all. */
  positions: number[] | null;
}

/** The ERP's idempotency keys for a batch, derived from the batch alone and the same on every resend. */
export interface ErpKeys {
  /** SAP bulk MessageHeader ID, the batch id for NetSuite (each externalId is made from it), D365 journal Description. */
  batch: string;
  /** In batch order: SAP entry MessageHeader ID, NetSuite externalId, D365 voucher. */
  entries: string[];
}
