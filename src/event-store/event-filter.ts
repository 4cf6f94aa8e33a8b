import type { EventFilter, RecordedEvent } from './event-store.port';

export function matchesFilter(filter: EventFilter | undefined, event: Pick<RecordedEvent, 'type' | 'streamId'>): boolean {
  if (!filter) return true;
  const subject = filter.on === 'eventType' ? event.type : event.streamId;
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}
