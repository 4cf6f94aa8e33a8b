/**
 * Child process for the crash test: appends groups of events to many streams as fast as the
 * store allows and prints one line per acknowledged append, until the parent kills it.
 *
 * Usage: node appender.process.js <sqlite file>
 *
 * Lines on stdout, one JSON object each:
 *   {"kind":"ready"}                                               once the first group has committed
 *   {"kind":"ack","stream","firstRevision","lastRevision","eventIds"}  after each resolved append
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { NewEvent } from '../../src/event-store/event-store.port';

const STREAMS = 50;
const MAX_GROUP_SIZE = 5;

const file = process.argv[2];
if (!file) throw new Error('usage: appender.process.js <sqlite file>');

// Default durability ('full'): a resolved append is what the store calls durable.
const store = new SqliteEventStore({ file });

/**
 * Synchronous, one write per line: a line is in the pipe before the next append is made, so
 * SIGKILL can never swallow an ack that was already given, and lines are never interleaved.
 */
function emit(line: object): void {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // stdout is a non-blocking pipe: while the parent is slow to read, it is full for a moment.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

let announced = false;

async function writer(streamId: string): Promise<never> {
  let next = 0;
  for (;;) {
    const groupId = randomUUID();
    const groupSize = 1 + Math.floor(Math.random() * MAX_GROUP_SIZE);
    const events: NewEvent[] = Array.from({ length: groupSize }, (_, groupIndex) => ({
      eventId: randomUUID(),
      type: 'CrashProbe',
      data: { revision: next + groupIndex },
      metadata: { groupId, groupSize, groupIndex },
    }));
    const result = await store.appendToStream(streamId, events, {
      expectedRevision: next === 0 ? 'no_stream' : next - 1,
    });
    // The store starts its writer thread lazily, so "ready" waits for a first commit: from then
    // on a kill lands while groups are being committed.
    if (!announced) {
      announced = true;
      emit({ kind: 'ready' });
    }
    // lastRevision is the store's answer, not our arithmetic, so the parent can check it.
    emit({
      kind: 'ack',
      stream: streamId,
      firstRevision: next,
      lastRevision: result.nextExpectedRevision,
      eventIds: events.map((event) => event.eventId),
    });
    next += groupSize;
  }
}

for (let i = 0; i < STREAMS; i++) {
  // Each writer is the only one on its stream, so any refusal is a store bug: die loudly,
  // and the parent reports the exit code and this stack instead of a SIGKILL.
  writer(`crash-${i}`).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
