import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, CommitReport } from '../event-store.port';
import { type AppendOutcome, type GroupAppend, type GroupWrite, isAppend, type StreamMaxAge, type StreamTruncation } from './append-batch';
import type { WriterReply, WriterRequest, WriterThreadInit } from './append-writer.worker';
import { WalCheckpointer } from './wal-checkpointer';

interface Waiting {
  append: GroupWrite;
  /** An append's result; undefined for a truncation or a metadata write. */
  resolve: (result: AppendResult | undefined) => void;
  reject: (error: Error) => void;
}

/** Below twice this many waiting appends, splitting a crowd would only add commits. */
const MIN_COHORT = 8;
/** Groups handed to the writer at once: one committing, the next queued so the writer never waits for a round trip. */
const MAX_IN_FLIGHT = 2;

/**
 * Group commit. Appends made in one event-loop turn go to the writer thread together and are
 * committed in one transaction; each caller is answered only once its group is durable.
 * When the writer was idle and a crowd is waiting, only half of it goes first: that starts two
 * cohorts that alternate, one committing while the other is being prepared on this thread.
 */
export class GroupCommitter {
  private readonly worker: Worker;
  private readonly checkpointer: WalCheckpointer;
  private waiting: Waiting[] = [];
  /** Groups sent to the writer, oldest first; it answers them in order. */
  private readonly inFlight: Waiting[][] = [];
  private sendScheduled = false;
  private failure: Error | undefined;
  private closing = false;
  private exited = false;
  private drained: (() => void) | undefined;

  constructor(
    init: WriterThreadInit,
    /** After each group is durable, with what it held and how long the writer thread took. */
    private readonly onCommit: (commit: CommitReport) => void,
  ) {
    this.worker = new Worker(join(__dirname, 'append-writer.worker.js'), { workerData: init });
    this.checkpointer = new WalCheckpointer(init);
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(new EventStoreUnavailableError(`append writer failed: ${error.message}`)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (!this.closing) this.fail(new EventStoreUnavailableError(`append writer thread exited with code ${code}`));
    });
    // Referenced only while a group is in flight, so an idle store never holds the process open.
    // After the 'message' listener: adding one references the worker's port again.
    this.worker.unref();
  }

  append(append: GroupAppend): Promise<AppendResult> {
    return this.enqueue(append) as Promise<AppendResult>;
  }

  /** Committed with the next group, in order with the appends around it. */
  async truncate(truncation: StreamTruncation): Promise<void> {
    await this.enqueue(truncation);
  }

  /** Committed with the next group, like a truncation. */
  async setMaxAge(write: StreamMaxAge): Promise<void> {
    await this.enqueue(write);
  }

  private enqueue(append: GroupWrite): Promise<AppendResult | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<AppendResult | undefined>((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      this.scheduleSend();
    });
  }

  /** Throws why appends cannot be committed any more, if they cannot. */
  assertWorking(): void {
    if (this.failure) throw this.failure;
  }

  /** Commits what was accepted, then stops the writer thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    if (this.inFlight.length > 0 || this.waiting.length > 0) {
      await new Promise<void>((resolve) => {
        this.drained = resolve;
        this.send();
      });
    }
    this.closing = true;
    await this.checkpointer.close();
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.post({ kind: 'close' });
    this.worker.ref();
    await exited;
  }

  private scheduleSend(): void {
    if (this.sendScheduled || this.inFlight.length >= MAX_IN_FLIGHT) return;
    this.sendScheduled = true;
    // After this turn's other appends have joined.
    setImmediate(() => {
      this.sendScheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight.length >= MAX_IN_FLIGHT || this.waiting.length === 0 || this.failure) return;
    const idle = this.inFlight.length === 0;
    const count = idle && this.waiting.length >= 2 * MIN_COHORT ? Math.ceil(this.waiting.length / 2) : this.waiting.length;
    const group = this.waiting.slice(0, count);
    this.waiting = this.waiting.slice(count);
    this.inFlight.push(group);
    this.worker.ref();
    this.post({ kind: 'write', group: group.map((w) => w.append) });
    if (this.waiting.length > 0) this.scheduleSend();
  }

  private settle(reply: WriterReply): void {
    const group = this.inFlight.shift() ?? [];
    if (reply.kind === 'failed') {
      const error = new EventStoreUnavailableError(`append not committed: ${reply.message}`);
      for (const waiting of group) waiting.reject(error);
    } else {
      answer(group, reply.outcomes);
      this.checkpointer.committed(bytesOf(group), group.length);
      this.onCommit({ appends: group.length, events: eventsOf(group), seconds: reply.seconds });
    }
    if (this.waiting.length > 0) {
      this.send();
    } else if (this.inFlight.length === 0) {
      this.worker.unref();
      this.drained?.();
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const abandoned = [...this.inFlight.flat(), ...this.waiting];
    this.inFlight.length = 0;
    this.waiting = [];
    for (const waiting of abandoned) waiting.reject(error);
    this.drained?.();
  }

  private post(request: WriterRequest): void {
    this.worker.postMessage(request);
  }
}

function bytesOf(group: Waiting[]): number {
  let bytes = 0;
  for (const { append } of group) if (isAppend(append)) for (const event of append.events) bytes += event.data.length + event.metadata.length;
  return bytes;
}

function eventsOf(group: Waiting[]): number {
  let events = 0;
  for (const { append } of group) if (isAppend(append)) events += append.events.length;
  return events;
}

function answer(group: Waiting[], outcomes: AppendOutcome[]): void {
  outcomes.forEach((outcome, i) => {
    const { append, resolve, reject } = group[i];
    if ('ok' in outcome) resolve(outcome.ok);
    else if ('truncated' in outcome || 'metadataSet' in outcome) resolve(undefined);
    else reject(new WrongExpectedRevisionError(append.streamId, outcome.conflict.expected, outcome.conflict.actual));
  });
}
