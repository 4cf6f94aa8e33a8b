import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import type { EventStore } from '../../src/event-store/event-store.port';
import { callServed } from '../support/served-grpc-methods';
import type { FuzzCase, FuzzTarget } from './fuzz-targets';

/**
 * Sends fuzz cases one at a time and checks what must hold for any input: never a 5xx (gRPC:
 * never INTERNAL or UNKNOWN), an error body in the documented shape, and nothing appended by a
 * refused request. One at a time, so the store's head before and after brackets exactly one
 * request; an event appended meanwhile is that request's when it carries the request's
 * correlation id, and is counted apart (`otherWrites`) when it does not (nothing else writes
 * with sagas off, so a non-zero count there is worth a look too).
 */

/** What the fuzz needs from the app besides its ports: the log's head and who wrote after it. */
export interface FuzzedApp {
  base: string;
  grpcPort: number;
  head(): Promise<bigint>;
  writesAfter(position: bigint, correlationId: string): Promise<{ own: number; other: number }>;
}

/** The two store questions answered from the store itself, for an app in this process. */
export function storeProbe(store: EventStore): Pick<FuzzedApp, 'head' | 'writesAfter'> {
  return {
    head: async () => (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.globalPosition ?? 0n,
    async writesAfter(position, correlationId) {
      const events = await store.readAll({ fromPosition: position + 1n });
      const own = events.filter((e) => e.metadata.correlationId === correlationId).length;
      return { own, other: events.length - own };
    },
  };
}

export interface Finding {
  target: string;
  correlationId: string;
  problem: string;
  edits: string[];
  answer: string;
}

export interface FuzzTally {
  requests: number;
  status5xx: number;
  grpcInternal: number;
  refusedWithWrites: number;
  otherWrites: number;
  badErrorBodies: number;
  noAnswer: number;
  /** Cases the client could not send as generated (fetch refuses some header values). */
  unsent: number;
  /** Answers per target, by status (`201`, `gRPC INVALID_ARGUMENT`, ...). */
  answers: Map<string, Map<string, number>>;
  findings: Finding[];
  slowestMs: number;
}

export const emptyTally = (): FuzzTally => ({
  requests: 0,
  status5xx: 0,
  grpcInternal: 0,
  refusedWithWrites: 0,
  otherWrites: 0,
  badErrorBodies: 0,
  noAnswer: 0,
  unsent: 0,
  answers: new Map(),
  findings: [],
  slowestMs: 0,
});

/** The most findings kept in full; the counts go on. */
const KEPT_FINDINGS = 50;
const ANSWER_TIMEOUT_MS = 30_000;

export class FuzzRunner {
  private readonly client: grpc.Client;
  private sent = 0;

  constructor(
    private readonly app: FuzzedApp,
    readonly tally: FuzzTally = emptyTally(),
    private readonly runId = `fz${process.pid}`,
  ) {
    // A message as large as the fuzz sends must reach the server, whatever it then answers.
    this.client = new grpc.Client(`127.0.0.1:${app.grpcPort}`, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': -1 });
  }

  close(): void {
    this.client.close();
  }

  /** Sends one case and records what it shows; answers the status it got. */
  async run(fuzzCase: FuzzCase): Promise<string> {
    const correlationId = `${this.runId}-${++this.sent}`;
    const before = await this.app.head();
    const started = performance.now();
    const outcome = fuzzCase.kind === 'http' ? await this.sendHttp(fuzzCase, correlationId) : await this.sendGrpc(fuzzCase, correlationId);
    const ms = performance.now() - started;
    if (outcome.status === 'unsent') {
      this.tally.unsent++;
      return outcome.status;
    }
    this.tally.requests++;
    this.tally.slowestMs = Math.max(this.tally.slowestMs, ms);
    const perTarget = this.tally.answers.get(fuzzCase.target) ?? new Map<string, number>();
    perTarget.set(outcome.status, (perTarget.get(outcome.status) ?? 0) + 1);
    this.tally.answers.set(fuzzCase.target, perTarget);
    const find = (problem: string) => {
      if (this.tally.findings.length < KEPT_FINDINGS)
        this.tally.findings.push({ target: fuzzCase.target, correlationId, problem, edits: fuzzCase.edits, answer: outcome.answer.slice(0, 300) });
    };
    if (outcome.serverError) {
      if (fuzzCase.kind === 'http') this.tally.status5xx++;
      else this.tally.grpcInternal++;
      find(`answered ${outcome.status}`);
    }
    if (outcome.noAnswer) {
      this.tally.noAnswer++;
      find(`no answer within ${ANSWER_TIMEOUT_MS} ms`);
    }
    if (outcome.badErrorBody) {
      this.tally.badErrorBodies++;
      find(`${outcome.status} without the documented error body`);
    }
    if (outcome.refused) {
      const after = await this.app.head();
      if (after !== before) {
        const { own, other } = await this.app.writesAfter(before, correlationId);
        this.tally.otherWrites += other;
        if (own > 0) {
          this.tally.refusedWithWrites++;
          find(`refused (${outcome.status}) but appended ${own} event(s)`);
        }
      }
    }
    return outcome.status;
  }

  private async sendHttp(fuzzCase: Extract<FuzzCase, { kind: 'http' }>, correlationId: string): Promise<Outcome> {
    let response: Response;
    try {
      response = await fetch(`${this.app.base}${fuzzCase.path}`, {
        method: fuzzCase.method,
        headers: { ...fuzzCase.headers, 'x-correlation-id': correlationId },
        body: fuzzCase.body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { status: 'timeout', refused: true, serverError: false, noAnswer: true, badErrorBody: false, answer: '' };
      // fetch refused to build the request (a header value it will not send): not the server's doing.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (error instanceof TypeError && (!cause || cause.code === 'UND_ERR_INVALID_ARG')) return unsent;
      return {
        status: `connection: ${cause?.code ?? (error as Error).message}`,
        refused: true,
        serverError: true,
        noAnswer: false,
        badErrorBody: false,
        answer: `${(error as Error).message}: ${cause?.message ?? ''}`,
      };
    }
    const text = await response.text();
    const refused = response.status >= 400;
    return {
      status: String(response.status),
      refused,
      serverError: response.status >= 500,
      noAnswer: false,
      badErrorBody: refused && !documentedErrorBody(text, response.status),
      answer: text,
    };
  }

  private firstOfStream(fuzzCase: Extract<FuzzCase, { kind: 'grpc' }>, metadata: grpc.Metadata): Promise<Outcome> {
    return new Promise((done) => {
      const call = this.client.makeServerStreamRequest(
        fuzzCase.method.definition.path,
        (bytes: Buffer) => bytes,
        fuzzCase.method.definition.responseDeserialize,
        fuzzCase.bytes,
        metadata,
        { deadline: Date.now() + ANSWER_TIMEOUT_MS },
      );
      let settled = false;
      const settle = (error?: grpc.ServiceError) => {
        if (settled) return;
        settled = true;
        clearTimeout(quiet);
        call.cancel();
        done(streamOutcome(error));
      };
      // A stream that sends nothing for a while is still a stream, not a failure.
      const quiet = setTimeout(() => settle(), 2_000);
      call.on('data', () => settle());
      call.on('error', (error: grpc.ServiceError) => settle(error));
      call.on('end', () => settle());
    });
  }

  private sendGrpc(fuzzCase: Extract<FuzzCase, { kind: 'grpc' }>, correlationId: string): Promise<Outcome> {
    const metadata = new grpc.Metadata();
    try {
      for (const [name, value] of Object.entries(fuzzCase.metadata)) metadata.set(name, value);
    } catch {
      // grpc-js will not send the value (characters metadata cannot carry): not the server's doing.
      return Promise.resolve(unsent);
    }
    metadata.set('x-correlation-id', correlationId);
    if (fuzzCase.method.definition.requestStream) return Promise.resolve(unsent);
    if (fuzzCase.method.definition.responseStream) return this.firstOfStream(fuzzCase, metadata);
    return callServed(this.client, fuzzCase.method, fuzzCase.bytes, metadata, { deadline: Date.now() + ANSWER_TIMEOUT_MS }).then(({ error }) => {
      if (!error) return { status: 'gRPC OK', refused: false, serverError: false, noAnswer: false, badErrorBody: false, answer: '' };
      const status = `gRPC ${grpc.status[error.code]}`;
      return {
        status,
        refused: true,
        serverError: error.code === grpc.status.INTERNAL || error.code === grpc.status.UNKNOWN,
        noAnswer: error.code === grpc.status.DEADLINE_EXCEEDED,
        badErrorBody: false,
        answer: error.details,
      };
    });
  }
}

/** A server stream (health's Watch) runs until cancelled: its status, or its first message and then a cancel. */
function streamOutcome(error: grpc.ServiceError | undefined): Outcome {
  if (!error || error.code === grpc.status.CANCELLED)
    return { status: error ? 'gRPC streaming' : 'gRPC OK', refused: false, serverError: false, noAnswer: false, badErrorBody: false, answer: '' };
  return {
    status: `gRPC ${grpc.status[error.code]}`,
    refused: true,
    serverError: error.code === grpc.status.INTERNAL || error.code === grpc.status.UNKNOWN,
    noAnswer: error.code === grpc.status.DEADLINE_EXCEEDED,
    badErrorBody: false,
    answer: error.details,
  };
}

interface Outcome {
  status: string;
  refused: boolean;
  serverError: boolean;
  noAnswer: boolean;
  badErrorBody: boolean;
  answer: string;
}

const unsent: Outcome = { status: 'unsent', refused: false, serverError: false, noAnswer: false, badErrorBody: false, answer: '' };

/** README "Errors": `{"error": {"status", "code", "message", "correlationId", ...}}`, the status matching. */
function documentedErrorBody(text: string, status: number): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { status?: unknown; code?: unknown; message?: unknown; correlationId?: unknown } };
    return error?.status === status && typeof error.code === 'string' && typeof error.message === 'string' && typeof error.correlationId === 'string';
  } catch {
    return false;
  }
}

/**
 * Cases for `count` requests: targets in turn (every target gets its share, in a fixed order),
 * each case drawn from its target's arbitrary by fast-check with `seed`, so a run can be replayed.
 */
export function* fuzzCases(targets: FuzzTarget[], count: number, seed: number): Generator<FuzzCase> {
  // Cases are drawn a few per target at a time: a body may be megabytes, and 64 per target of
  // 145 targets held 4.7 GB in the bench's process, whose collections then held up the app's loop.
  const batch = Math.min(4, Math.ceil(count / targets.length));
  for (let start = 0; start < count; start += batch * targets.length) {
    const round = Math.floor(start / (batch * targets.length));
    const drawn = targets.map((target, index) => fc.sample(target.cases, { seed: seed + round * 7919 + index, numRuns: batch }));
    for (let i = 0; i < batch; i++) {
      for (let t = 0; t < targets.length; t++) {
        if (start + i * targets.length + t >= count) return;
        yield drawn[t][i];
      }
    }
  }
}

/** `/health` asked every `intervalMs` while the fuzz runs: how long each answer took, and any that was not 200. */
export function startHealthProbe(base: string, intervalMs = 50): { stop(): Promise<{ probes: number; failures: string[]; maxMs: number }> } {
  let stopped = false;
  let probes = 0;
  let maxMs = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`/health answered ${response.status}`);
      } catch (error) {
        failures.push(`/health: ${(error as Error).message}`);
      }
      probes++;
      maxMs = Math.max(maxMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { probes, failures, maxMs };
    },
  };
}
