import { Inject, Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '../event-store/event-store.port';
import { BUSINESS_ERROR_STREAM_PREFIX } from './business-errors.aggregate';
import type { BusinessErrorEvent } from './business-errors.events';
import { type BusinessErrorState, evolveBusinessError, initialBusinessErrorState } from './business-errors.evolve';

const READ_PAGE = 1000;

/** An entry of the queue as its events leave it, and where its first event is in the log. */
export interface IndexedBusinessError {
  state: BusinessErrorState;
  position: bigint;
}

/**
 * Every entry of the business-error queue, folded from the log as it grows (the entries' own
 * evolve): each read folds only the queue's events appended since the previous read, so listing
 * the queue or scraping its gauge costs what changed, not a scan of the whole log. Entries are
 * in the order of their first event (oldest first).
 */
@Injectable()
export class BusinessErrorIndex {
  private readonly entries = new Map<string, IndexedBusinessError>();
  private after: GlobalPosition | undefined;
  private catchingUp: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The entries by stream id, up to the log's head as of this call. */
  async current(): Promise<ReadonlyMap<string, IndexedBusinessError>> {
    await this.catchUp();
    return this.entries;
  }

  /** One fold at a time: two readers at once share it. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.fold().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async fold(): Promise<void> {
    for (;;) {
      const from = this.after === undefined ? 0n : this.after + 1n;
      const page = await this.store.readAll({ fromPosition: from, maxCount: READ_PAGE, filter: { on: 'streamName', prefixes: [BUSINESS_ERROR_STREAM_PREFIX] } });
      for (const event of page) {
        const known = this.entries.get(event.streamId) ?? { state: initialBusinessErrorState(), position: event.globalPosition };
        this.entries.set(event.streamId, { state: evolveBusinessError(known.state, event as unknown as BusinessErrorEvent), position: known.position });
        this.after = event.globalPosition;
      }
      if (page.length < READ_PAGE) return;
      // A long queue folded for the first time lets requests in between its pages.
      await nextTurn();
    }
  }
}
