import { Inject, Injectable } from '@nestjs/common';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { orderAggregate } from '../../src/order/order.aggregate';
import { promotionAggregate } from '../../src/promotion/promotion.aggregate';
import { streamIdOf } from '../../src/runtime/decider';
import { settlementAggregate, settlementId } from '../../src/settlement/settlement.aggregate';
import { linesOfPromotion, linesOfSource, recordedEntry, recordedLine, type TracedLine } from './journal-lineage.queries';
import { correctedHistory, EventCorrections } from '../runner/event-corrections';
import { ProjectionDatabase } from '../runner/projection-database';
import { type BatchComparison, rebuildBatch } from './batch-rebuild';
import { type ChainVerification, verifyCompanyChain } from './chain-verification';
import { type EntryComparison, rebuildEntry } from './entry-rebuild';
import { lineLineage, type LineLineage } from './line-lineage';
import { type DeliveredDocument, type DeliveryHistoryItem, ErpDeliveryQueries } from '../erp-delivery/erp-deliveries.queries';
import { closedBatch } from './posting-batch-history';
import { readOrNothing } from './recorded-history';
import { replayStream, type StreamPage } from './stream-replay';

/** Where a journal line went at the ERPs: its entry's batch and place in it, and the documents the ERPs made of it. */
export interface LineErpPosting {
  batchId: string;
  position: number;
  documents: DeliveredDocument[];
}

/** A batch's delivery to the ERPs as the delivery log recorded it: each event (with its place in history) and the ERP's document numbers. */
export interface BatchDeliveryHistory {
  batchId: string;
  documents: DeliveredDocument[];
  history: DeliveryHistoryItem[];
}

export interface SourceLines {
  sourceType: string;
  sourceId: string;
  lines: TracedLine[];
}

/**
 * The auditor's questions, answered from the event store and the journal's rows. One
 * implementation behind the HTTP routes, the gRPC methods and the `npm run audit` CLI.
 */
@Injectable()
export class Auditor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionDatabase) private readonly db: ProjectionDatabase,
  ) {}

  /** The line's lineage back to its source events and payload, and on to its batch and the ERP documents that hold it. */
  async lineage(lineId: string): Promise<LineLineage & { erp: LineErpPosting | null }> {
    const line = recordedLine(this.db, lineId);
    if (!line) throw new EntityNotFoundError('journal line', lineId);
    return { ...(await lineLineage(this.store, line)), erp: new ErpDeliveryQueries(this.db).documentsOfEntry(line.entryId) };
  }

  /** The batch (from its PostingBatchClosed) and its delivery history: every event of every target, with the ERP's document numbers. */
  async batchDeliveries(batchId: string): Promise<BatchDeliveryHistory> {
    await closedBatch(this.store, batchId);
    const deliveries = new ErpDeliveryQueries(this.db);
    return { batchId, documents: deliveries.documents(batchId), history: deliveries.history(batchId) };
  }

  /** An order that exists but posted nothing yet has no lines; one never placed is not found. */
  async orderLines(orderId: string): Promise<SourceLines> {
    await this.mustExist(streamIdOf(orderAggregate, orderId), 'order', orderId);
    return { sourceType: 'order', sourceId: orderId, lines: linesOfSource(this.db, 'order', orderId) };
  }

  /** Orders name promotions the runtime may never have defined (a channel's own codes): lines alone prove it exists. */
  async promotionLines(promotionId: string): Promise<SourceLines> {
    const lines = linesOfPromotion(this.db, promotionId);
    if (lines.length === 0) await this.mustExist(streamIdOf(promotionAggregate, promotionId), 'promotion', promotionId);
    return { sourceType: 'promotion', sourceId: promotionId, lines };
  }

  async settlementLines(payout: { provider: string; payoutId: string }): Promise<SourceLines> {
    const id = settlementId(payout);
    await this.mustExist(streamIdOf(settlementAggregate, id), 'settlement', id);
    return { sourceType: 'settlement', sourceId: id, lines: linesOfSource(this.db, 'settlement', id) };
  }

  replay(streamId: string, fromRevision: number, maxCount: number): Promise<StreamPage> {
    return replayStream(this.store, streamId, fromRevision, maxCount);
  }

  async rebuildEntry(entryId: string): Promise<EntryComparison> {
    const recorded = recordedEntry(this.db, entryId);
    if (!recorded) throw new EntityNotFoundError('journal entry', entryId);
    return rebuildEntry(await this.history(), recorded);
  }

  /** Reads the batch from its PostingBatchClosed event, never from a read model: history is the reference. */
  async rebuildBatch(batchId: string): Promise<BatchComparison> {
    return rebuildBatch(await this.history(), await closedBatch(this.store, batchId));
  }

  async verifyChain(companyCode: string, withEntries = false): Promise<ChainVerification> {
    return verifyCompanyChain(await this.history(), companyCode, { withEntries });
  }

  /** History as the journal applied it: an event an operator corrected is rebuilt with its corrected data. */
  private async history(): Promise<EventStore> {
    return correctedHistory(this.store, await EventCorrections.load(this.store));
  }

  private async mustExist(streamId: string, entity: string, id: string): Promise<void> {
    const [first] = await readOrNothing(this.store, streamId, 0, 1);
    if (!first) throw new EntityNotFoundError(entity, id);
  }
}
