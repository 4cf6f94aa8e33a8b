import type { EventStore } from '../../src/event-store/event-store.port';

/** Reads the whole log front to back in pages; returns how many events it saw. */
export async function readAllInPages(store: EventStore, pageSize: number): Promise<number> {
  let count = 0;
  let fromPosition = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition, maxCount: pageSize });
    count += page.length;
    if (page.length < pageSize) return count;
    // fromPosition is inclusive going forwards.
    fromPosition = page[page.length - 1].globalPosition + 1n;
  }
}

/** Subscribes from the start and consumes until the subscription reports it has caught up. */
export async function catchUp(store: EventStore): Promise<number> {
  let count = 0;
  const subscription = store.subscribeToAll();
  try {
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') return count;
      count += 1;
    }
    throw new Error('subscription ended before catching up');
  } finally {
    await subscription.close();
  }
}
