import { StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { RESERVED_METADATA } from '../event-store/append-validation';
import type { RecordedEvent } from '../event-store/event-store.port';
import { positionText, ticksSinceEpoch } from './positions';
import { uuidMessage, type UuidFormat } from './uuids';

/** The embedded store keeps JSON values only; proposed events of any other content type are refused. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * Custom metadata as the esdb adapter writes it to EventStoreDB: the caller's metadata with the
 * schema version added under `$schemaVersion`, last. An event stored by Ledgerbridge in the
 * embedded store therefore reads, through this endpoint, exactly as the same event stored by
 * Ledgerbridge in EventStoreDB.
 */
function customMetadataJson(event: RecordedEvent): string {
  return JSON.stringify({ ...event.metadata, [RESERVED_METADATA]: event.schemaVersion });
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

/** One event as EventStoreDB serves it in a read or subscription. */
export function eventMessage(event: RecordedEvent, uuidFormat: UuidFormat): ReadResp {
  const position = positionText(event.globalPosition);
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.eventId, uuidFormat))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(position)
    .setPreparePosition(position)
    // The store's data is JSON text it parsed on read; stringifying the value gives that text back.
    .setData(Buffer.from(JSON.stringify(event.data), 'utf8'))
    .setCustomMetadata(Buffer.from(customMetadataJson(event), 'utf8'));
  recorded.getMetadataMap().set('type', event.type).set('created', ticksSinceEpoch(event.recordedAt)).set('content-type', JSON_CONTENT_TYPE);
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
}
