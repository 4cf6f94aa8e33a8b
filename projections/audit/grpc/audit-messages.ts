import type { BatchComparison } from '../batch-rebuild';
import type { EntryComparison } from '../entry-rebuild';
import type { LineLineage } from '../line-lineage';
import type { EventView } from '../recorded-history';
import type { StreamPage } from '../stream-replay';

/**
 * The HTTP answers as `ledgerbridge.audit.v1` messages: the same fields, except that event
 * data and metadata and a difference's values are JSON text (protobuf has no "any JSON").
 * Nulls are left to the encoder, which sends them as unset.
 */
export function eventMessage(event: EventView) {
  const { data, metadata, ...rest } = event;
  return { ...rest, dataJson: JSON.stringify(data), metadataJson: JSON.stringify(metadata) };
}

export function lineageMessage(lineage: LineLineage) {
  return { ...lineage, events: lineage.events.map((e) => ({ ...e, event: e.event && eventMessage(e.event) })) };
}

export function streamPageMessage(page: StreamPage) {
  return { ...page, events: page.events.map(eventMessage) };
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

const differenceMessages = (differences: EntryComparison['differences']) =>
  differences.map((d) => ({ path: d.path, recordedJson: json(d.recorded), rebuiltJson: json(d.rebuilt) }));

export function entryComparisonMessage(comparison: EntryComparison) {
  return { ...comparison, differences: differenceMessages(comparison.differences) };
}

export function batchComparisonMessage(comparison: BatchComparison) {
  return { ...comparison, differences: differenceMessages(comparison.differences) };
}
