import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { tempDir } from '../support/temp-dir';

const APPENDER = join(__dirname, 'appender.process.js');
const READY_LINE = '{"kind":"ready"}';
const ROUNDS = 3;
const KILL_DELAY_MS = { min: 50, max: 800 };
/** Two full turns of the child's 50 writers: proof the kill landed in a stream of commits, not before one. */
const MIN_ACKS = 100;

interface Ack {
  kind: 'ack';
  stream: string;
  firstRevision: number;
  lastRevision: number;
  eventIds: string[];
}

interface GroupMetadata {
  groupId: string;
  groupSize: number;
  groupIndex: number;
}

interface KilledRun {
  /** Lines that ended with a newline. */
  lines: string[];
  /** What followed the last newline: empty unless the kill cut a line. */
  tail: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  killDelayMs: number | undefined;
}

/** Starts the appender on `file` and SIGKILLs it at a random moment after it is appending. */
function runAndKill(file: string): Promise<KilledRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [APPENDER, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killDelayMs: number | undefined;
    // A child that never gets going would otherwise keep this test file running forever.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (killDelayMs === undefined && stdout.includes(`${READY_LINE}\n`)) {
        killDelayMs = KILL_DELAY_MS.min + Math.floor(Math.random() * (KILL_DELAY_MS.max - KILL_DELAY_MS.min));
        setTimeout(() => child.kill('SIGKILL'), killDelayMs);
      }
    });
    // 'close' comes after stdout has been drained, so every line the child wrote is in `stdout`.
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      const lines = stdout.split('\n');
      const tail = lines.pop() ?? '';
      resolve({ lines, tail, code, signal, stderr, killDelayMs });
    });
  });
}

function parseAcks(run: KilledRun): Ack[] {
  const [first, ...rest] = run.lines;
  assert.equal(first, READY_LINE, 'the appender must announce it is ready before any ack');
  const acks = rest.map((line, i) => {
    try {
      return JSON.parse(line) as Ack;
    } catch {
      return assert.fail(`ack line ${i + 1} ended with a newline but is not JSON: ${line}`);
    }
  });
  if (run.tail !== '') {
    // Without its newline the line may have been cut by the kill; only a whole object counts.
    try {
      acks.push(JSON.parse(run.tail) as Ack);
    } catch {
      // Cut mid-line: the child never finished acknowledging that append.
    }
  }
  for (const ack of acks) assert.equal(ack.kind, 'ack', `unexpected line from the appender: ${JSON.stringify(ack)}`);
  return acks;
}

/** Walks a stream group by group: each group must start at index 0 and be whole. */
function assertCompleteGroups(streamId: string, events: RecordedEvent[]): void {
  let start = 0;
  while (start < events.length) {
    const head = events[start].metadata as unknown as GroupMetadata;
    assert.equal(head.groupIndex, 0, `${streamId}@${start}: a group must start here, found event ${head.groupIndex} of group ${head.groupId}`);
    for (let i = 1; i < head.groupSize; i++) {
      const event = events[start + i];
      assert.ok(event, `${streamId}: partial group visible: group ${head.groupId} at revision ${start} has ` + `${events.length - start} of its ${head.groupSize} events`);
      const meta = event.metadata as unknown as GroupMetadata;
      assert.ok(
        meta.groupId === head.groupId && meta.groupIndex === i,
        `${streamId}@${start + i}: expected event ${i} of group ${head.groupId}, ` + `found event ${meta.groupIndex} of group ${meta.groupId}: a group was split`,
      );
    }
    start += head.groupSize;
  }
}

/** Reopens the file after the crash and checks everything the child was promised. Returns the event count. */
async function assertSurvivedCrash(file: string, acks: Ack[]): Promise<{ events: number; streams: number }> {
  const store = new SqliteEventStore({ file });
  try {
    const all = await store.readAll();
    for (let i = 1; i < all.length; i++) {
      assert.ok(
        all[i].globalPosition > all[i - 1].globalPosition,
        `readAll index ${i}: position ${all[i].globalPosition} after ${all[i - 1].globalPosition}; ` + 'global positions must be strictly increasing, hence unique',
      );
    }

    const byId = new Map(all.map((event) => [event.eventId, event]));
    assert.equal(byId.size, all.length, `${all.length - byId.size} event ids are stored more than once`);
    for (const ack of acks) {
      const where = `ack ${ack.stream}@${ack.firstRevision}..${ack.lastRevision}`;
      assert.equal(
        ack.lastRevision - ack.firstRevision + 1,
        ack.eventIds.length,
        `${where}: the store answered a last revision that does not fit the ${ack.eventIds.length} events appended`,
      );
      ack.eventIds.forEach((eventId, i) => {
        const event = byId.get(eventId);
        assert.ok(event, `${where}: acknowledged event ${eventId} is missing after the crash`);
        assert.equal(event.streamId, ack.stream, `${where}: acknowledged event ${eventId} is in the wrong stream`);
        assert.equal(event.revision, ack.firstRevision + i, `${where}: acknowledged event ${eventId} moved revision`);
      });
    }

    const streams = [...new Set(all.map((event) => event.streamId))];
    let inStreams = 0;
    for (const streamId of streams) {
      const events = await store.readStream(streamId);
      inStreams += events.length;
      events.forEach((event, i) => assert.equal(event.revision, i, `${streamId}: revision ${event.revision} at index ${i}; revisions must be 0..n-1 with no gap`));
      assertCompleteGroups(streamId, events);
    }
    assert.equal(inStreams, all.length, `readAll returns ${all.length} events but the streams hold ${inStreams}`);

    // All streams at once, so the recovered store is also group-committing again.
    await Promise.all(
      streams.map(async (streamId) => {
        const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
        const eventId = randomUUID();
        const result = await store.appendToStream(streamId, [{ eventId, type: 'AfterCrash', data: {} }], { expectedRevision: last.revision });
        assert.equal(result.nextExpectedRevision, last.revision + 1, `${streamId}: append after the crash landed at the wrong revision`);
        const [stored] = await store.readStream(streamId, { fromRevision: last.revision + 1 });
        assert.equal(stored?.eventId, eventId, `${streamId}: the event appended after the crash cannot be read back`);
      }),
    );
    return { events: all.length, streams: streams.length };
  } finally {
    await store.close();
  }
}

test('SIGKILL during group commits loses no acknowledged append and exposes no partial group', { timeout: 20_000 }, async (t) => {
  for (let round = 1; round <= ROUNDS; round++) {
    await t.test(`round ${round}`, async (t) => {
      const dir = tempDir('crash');
      try {
        const file = join(dir.path, 'events.sqlite');
        const run = await runAndKill(file);
        assert.equal(
          run.signal,
          'SIGKILL',
          `the appender must die by our SIGKILL, but exited with code ${run.code}${run.killDelayMs === undefined ? ' before it was ready' : ''}:\n${run.stderr}`,
        );
        const acks = parseAcks(run);
        assert.ok(acks.length >= MIN_ACKS, `only ${acks.length} acks before the kill; appends were not under way`);

        const found = await assertSurvivedCrash(file, acks);
        const ackedEvents = acks.reduce((sum, ack) => sum + ack.eventIds.length, 0);
        t.diagnostic(`killDelayMs=${run.killDelayMs} acks=${acks.length} ackedEvents=${ackedEvents} ` + `eventsAfterReopen=${found.events} streams=${found.streams}`);
      } finally {
        dir.remove();
      }
    });
  }
});
