import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IndexSnapshots } from '../../../sagas/runtime/index-snapshots';
import { type IndexSnapshot, InstanceIndex } from '../../../sagas/runtime/instance-index';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, NewEvent, RecordedEvent } from '../../../src/event-store/event-store.port';
import { tempDir } from '../../support/temp-dir';

const SAGA = 'fulfillment';
const SNAPSHOTS = `sagaindex-${SAGA}`;
/** EventStoreDB's limit on one append: data and metadata bytes plus two bytes per character of each type. */
const ONE_MIB = 1024 * 1024;

const dir = tempDir('index-snapshots');
after(() => dir.remove());
let files = 0;
const freshFile = () => join(dir.path, `events-${++files}.sqlite`);
const freshStore = (file = freshFile()) => new SqliteEventStore({ file, durability: 'normal' });

/** The store, remembering how many bytes each append to the snapshot stream weighed (as EventStoreDB counts them). */
function measuringStore(store: EventStore, failAppend?: (n: number) => boolean): { store: EventStore; appendBytes: number[] } {
  const appendBytes: number[] = [];
  const weigh = (events: NewEvent[]) =>
    events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata ?? {})) + 2 * e.type.length, 0);
  return {
    appendBytes,
    store: {
      appendToStream: async (streamId, events, options) => {
        if (streamId === SNAPSHOTS) {
          if (failAppend?.(appendBytes.length)) throw new Error('power cut during the save');
          appendBytes.push(weigh(events));
        }
        return store.appendToStream(streamId, events, options);
      },
      readStream: (streamId, options) => store.readStream(streamId, options),
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options) => store.subscribeToAll(options),
      truncateStream: (streamId, before) => store.truncateStream!(streamId, before),
      ping: () => store.ping(),
      close: () => store.close(),
    },
  };
}

/**
 * Saga-stream events as the runtime folds them from the log, made up rather than stored: the
 * index only reads their stream, revision, position, type and data.
 */
class SagaHistory {
  private position = 0n;
  private readonly revisions = new Map<string, number>();

  event(instanceId: string, type: string, data: Record<string, unknown>): RecordedEvent {
    const streamId = `saga-${SAGA}-${instanceId}`;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.position += 1n;
    return { eventId: randomUUID(), type, schemaVersion: 1, streamId, revision, globalPosition: this.position, recordedAt: new Date(0), data, metadata: {} };
  }

  /** An order waiting for payment: a deadline, a status, the time of its last step. */
  open(index: InstanceIndex, orderId: string): void {
    index.fold(this.event(orderId, 'InputHandled', { inputId: `placed-${orderId}`, at: '2026-11-27T10:00:00.000Z' }));
    index.fold(this.event(orderId, 'TimerScheduled', { timerId: 'payment-deadline', dueAt: '2026-11-27T11:00:00.000Z' }));
    index.fold(this.event(orderId, 'SagaStatusChanged', { status: 'awaiting-payment' }));
  }

  complete(index: InstanceIndex, orderId: string): void {
    index.fold(this.event(orderId, 'SagaCompleted', {}));
  }
}

const sorted = (snapshot: IndexSnapshot | undefined) => snapshot && { ...snapshot, instances: [...snapshot.instances].sort((a, b) => a.instanceId.localeCompare(b.instanceId)) };

async function streamBytes(store: EventStore): Promise<number> {
  return (await store.readStream(SNAPSHOTS)).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)), 0);
}

/** Bytes the event store file uses for live pages: what a deleted event no longer takes (its pages are reused). */
function usedFileBytes(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
    return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
  } finally {
    db.close();
  }
}

describe('saga index snapshots', () => {
  it('with 8000 open orders and 30 rounds of 1000 finished and 1000 new: every append is under 1 MiB, the stored index stays about its own size, a restart restores it exactly', async (t) => {
    const file = freshFile();
    const backing = freshStore(file);
    const { store, appendBytes } = measuringStore(backing);
    const history = new SagaHistory();
    const index = new InstanceIndex(SAGA);
    const snapshots = new IndexSnapshots(store, SAGA);
    let next = 0;
    const open: string[] = [];
    for (; next < 8000; next++) {
      history.open(index, `o-${next}`);
      open.push(`o-${next}`);
    }
    await snapshots.save(index);
    const indexBytes = await streamBytes(backing);
    assert.ok(indexBytes > ONE_MIB, `the index alone is more than one append may carry (${indexBytes} bytes)`);
    const fileAfterFirst = usedFileBytes(file);

    const perRound: number[] = [];
    for (let round = 0; round < 30; round++) {
      for (const orderId of open.splice(0, 1000)) history.complete(index, orderId);
      for (let i = 0; i < 1000; i++, next++) {
        history.open(index, `o-${next}`);
        open.push(`o-${next}`);
      }
      await snapshots.save(index);
      perRound.push(await streamBytes(backing));
    }

    assert.ok(Math.max(...appendBytes) < ONE_MIB, `largest append ${Math.max(...appendBytes)} bytes`);
    assert.ok(Math.max(...perRound) <= 3 * indexBytes, `the stored snapshots stay within 3x the index (${Math.max(...perRound)} vs ${indexBytes} bytes)`);
    assert.ok(usedFileBytes(file) <= 3 * fileAfterFirst, `the store file does not grow with the rounds (${usedFileBytes(file)} vs ${fileAfterFirst} bytes after the first save)`);

    const restored = new InstanceIndex(SAGA);
    const loading = performance.now();
    assert.equal(await new IndexSnapshots(backing, SAGA).load(restored), true);
    t.diagnostic(
      `index ${indexBytes} bytes; largest append ${Math.max(...appendBytes)} bytes over ${appendBytes.length} appends; ` +
        `stored snapshots ${Math.min(...perRound)}-${Math.max(...perRound)} bytes per round; store file ${fileAfterFirst} -> ${usedFileBytes(file)} bytes used; ` +
        `restored in ${(performance.now() - loading).toFixed(0)} ms`,
    );
    assert.deepEqual(sorted(restored.snapshot()), sorted(index.snapshot()), 'the same instances, timers, statuses, position and completed count');
    assert.equal(restored.counts().completed, 30_000);
    assert.deepEqual(restored.due(Date.parse('2026-11-27T11:00:00.000Z')).length, 8000, 'every restored deadline is due when it should be');
    await backing.close();
  });

  it('a save cut short by a crash is ignored: a restart restores the last complete one, and the next save is a whole base again', async () => {
    const backing = freshStore();
    let failAt = -1;
    const { store } = measuringStore(backing, (n) => n === failAt);
    const history = new SagaHistory();
    const index = new InstanceIndex(SAGA);
    const snapshots = new IndexSnapshots(store, SAGA);
    for (let i = 0; i < 6000; i++) history.open(index, `a-${i}`);
    await snapshots.save(index);
    const saved = sorted(index.snapshot());
    const appended = (await backing.readStream(SNAPSHOTS)).length;
    assert.ok(appended >= 2, 'the base took several appends');

    // Enough changes for a new base, whose second append fails.
    for (let i = 0; i < 6000; i++) history.complete(index, `a-${i}`);
    for (let i = 0; i < 6000; i++) history.open(index, `b-${i}`);
    failAt = appended + 1;
    await assert.rejects(snapshots.save(index), /power cut/);

    const restored = new InstanceIndex(SAGA);
    assert.equal(await new IndexSnapshots(backing, SAGA).load(restored), true);
    assert.deepEqual(sorted(restored.snapshot()), saved, 'the half-written base is not taken for the index');

    failAt = -1;
    history.complete(index, 'b-0');
    await snapshots.save(index);
    const again = new InstanceIndex(SAGA);
    await new IndexSnapshots(backing, SAGA).load(again);
    assert.deepEqual(sorted(again.snapshot()), sorted(index.snapshot()), 'after a failed save the next one stores the whole index');
    await backing.close();
  });

  it('reads a snapshot of the earlier one-event format, and replaces the old ones by a base at the first save', async () => {
    const backing = freshStore();
    const history = new SagaHistory();
    const old = new InstanceIndex(SAGA);
    for (let i = 0; i < 50; i++) history.open(old, `l-${i}`);
    const legacy = old.snapshot()!;
    for (let n = 0; n < 3; n++) {
      await backing.appendToStream(SNAPSHOTS, [{ eventId: randomUUID(), type: 'SagaIndexSnapshotTaken', data: legacy }], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
    }
    const index = new InstanceIndex(SAGA);
    const snapshots = new IndexSnapshots(backing, SAGA);
    assert.equal(await snapshots.load(index), true);
    assert.deepEqual(sorted(index.snapshot()), sorted(legacy));

    history.complete(index, 'l-0');
    await snapshots.save(index);
    const kept = await backing.readStream(SNAPSHOTS);
    assert.deepEqual(
      kept.map((e) => e.type),
      ['SagaIndexSaved'],
      'the old snapshots are dropped once a base of the new format is stored',
    );
    await backing.close();
  });
});
