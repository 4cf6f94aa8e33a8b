import type { StreamId } from '../event-store/event-store.port';
import type { CommandOutcome } from './aggregate-actor';

/**
 * Published on the in-process EventBus after an event is durably stored. Best effort:
 * anything that must not miss an event reads the global log instead.
 */
export class EventRecorded {
  constructor(
    readonly streamId: StreamId,
    readonly event: CommandOutcome['events'][number],
  ) {}

  get type(): string {
    return this.event.type;
  }
}
