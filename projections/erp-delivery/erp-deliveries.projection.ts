import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import { ERP_DELIVERY_CATEGORY, ERP_DELIVERY_EVENT_TYPES, type ErpDeliveryEvent } from '../../src/erp/delivery/erp-delivery.events';
import type { Projection, ProjectionWriter } from '../runner/projection';
import { DELIVERY_DOCUMENTS, DELIVERY_EVENTS } from './erp-deliveries.tables';

/**
 * The ERP delivery log as operators, auditors and finance read it: every delivery event of every
 * lane, and the ERP's document numbers per batch entry (a document the ERP named twice, as a
 * NetSuite replay re-upserting an entry does, is kept as first recorded).
 */
export const erpDeliveriesProjection: Projection = {
  name: 'erp_deliveries',
  version: 1,
  tables: [DELIVERY_EVENTS, DELIVERY_DOCUMENTS],
  filter: { on: 'streamName', prefixes: [`${ERP_DELIVERY_CATEGORY}-`] },
  handle(recorded: RecordedEvent, writer: ProjectionWriter): void {
    if (!(ERP_DELIVERY_EVENT_TYPES as readonly string[]).includes(recorded.type)) return;
    const event = { type: recorded.type, data: recorded.data } as ErpDeliveryEvent;
    const { companyCode, target, erp, batchId, chainIndex, at, after, ...rest } = event.data;
    const { documents, ...details } = rest as typeof rest & {
      documents?: Array<{ entry: { position: number; entryId: string } | null; documentNumber: string; internalId?: string }>;
    };
    writer.insert('events', {
      event_id: recorded.eventId,
      global_position: recorded.globalPosition.toString(),
      stream_id: recorded.streamId,
      revision: recorded.revision,
      type: recorded.type,
      company_code: companyCode,
      target,
      erp,
      batch_id: batchId,
      chain_index: chainIndex,
      at,
      details: canonicalJson(details),
      lane_after: canonicalJson(after),
    });
    const generation = (details as { generation?: number }).generation ?? 0;
    for (const document of documents ?? []) {
      const position = document.entry?.position ?? 0;
      if (writer.find('documents', { target, batch_id: batchId, position })) continue;
      writer.insert('documents', {
        target,
        batch_id: batchId,
        position,
        entry_id: document.entry?.entryId ?? null,
        company_code: companyCode,
        erp,
        document_number: document.documentNumber,
        internal_id: document.internalId ?? null,
        generation,
        at,
        event_id: recorded.eventId,
      });
    }
  },
};
