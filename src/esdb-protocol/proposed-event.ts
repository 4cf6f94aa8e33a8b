import type { AppendReq } from '@eventstore/db-client/generated/streams_pb';
import { RESERVED_METADATA } from '../event-store/append-validation';
import type { EventMetadata, NewEvent } from '../event-store/event-store.port';
import { invalidArgument, requiredMetadataPropertyMissing } from './protocol-errors';
import { JSON_CONTENT_TYPE } from './recorded-event-message';
import { uuidText } from './uuids';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What a proposed message weighs against the append limit, counted as EventStoreDB counts it
 * (data and metadata bytes plus two bytes per character of the type), before any parsing.
 */
export function proposedSize(message: AppendReq.ProposedMessage): number {
  const type = requiredHeader(message, 'type');
  return message.getData_asU8().length + message.getCustomMetadata_asU8().length + type.length * 2;
}

/**
 * Turns a proposed message into an event for the store. The store keeps JSON values, so data
 * and metadata must be UTF-8 JSON; `$schemaVersion` in the metadata, where the esdb adapter
 * carries the schema version, becomes the stored schema version again (default 1).
 */
export function proposedEvent(message: AppendReq.ProposedMessage, index: number): NewEvent {
  const field = `events[${index}]`;
  const type = requiredHeader(message, 'type');
  const contentType = requiredHeader(message, 'content-type');
  if (contentType !== JSON_CONTENT_TYPE) {
    throw invalidArgument(`${field}: content-type ${contentType} is not accepted; the embedded store keeps ${JSON_CONTENT_TYPE} events only`);
  }
  const eventId = uuidText(message.getId(), `${field}.id`);
  const data = parseJson(message.getData_asU8(), `${field}.data`);
  const metadataBytes = message.getCustomMetadata_asU8();
  const { [RESERVED_METADATA]: schemaVersion, ...metadata } = metadataBytes.length === 0 ? {} : asObject(parseJson(metadataBytes, `${field}.metadata`), `${field}.metadata`);
  if (schemaVersion !== undefined && !(Number.isSafeInteger(schemaVersion) && (schemaVersion as number) >= 1)) {
    throw invalidArgument(`${field}.metadata.${RESERVED_METADATA} must be a positive integer`);
  }
  return { eventId, type, schemaVersion: (schemaVersion as number | undefined) ?? 1, data, metadata };
}

function requiredHeader(message: AppendReq.ProposedMessage, name: 'type' | 'content-type'): string {
  const value = message.getMetadataMap().get(name);
  if (value === undefined) throw requiredMetadataPropertyMissing(name);
  return value;
}

function parseJson(bytes: Uint8Array, field: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw invalidArgument(`${field} must be UTF-8 JSON: ${(error as Error).message}`);
  }
}

function asObject(value: unknown, field: string): EventMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`${field} must be empty or a JSON object`);
  }
  return value as EventMetadata;
}
