import type { MessagePort } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../event-store/event-store.errors';

/**
 * Calls between the main thread and a worker thread, either way: each a message with an id, each
 * answered by a message with that id. A host's thread calls its worker (start, status ...); the
 * worker calls the host's thread for what only it may do (a command through its actors, an effect,
 * a record on the embedded store's one writer).
 */
export interface ThreadCall {
  kind: 'call';
  id: number;
  method: string;
  args: unknown[];
}

/**
 * `E` is how the errors of the pair of threads cross (ErrorCarrier). The event store being away
 * crosses as itself between every pair, so wherever it is met it is answered 503 / UNAVAILABLE
 * ("retry later") and waited out, never taken for a failure of the call.
 */
export type ThreadAnswer<E> = { kind: 'answer'; id: number; value: unknown } | { kind: 'failed'; id: number; error: E } | { kind: 'unavailable'; id: number; message: string };

/**
 * How errors cross threads: structured cloning keeps only an Error's message, so the kinds the
 * callers tell apart (a refusal by its code ...) are carried as data and built again.
 */
export interface ErrorCarrier<E> {
  carried(error: unknown): E;
  rethrown(error: E): Error;
}

/** The methods of an interface, named in calls across threads, with their arguments and answers. */
export type Method<Api> = keyof Api & string;
export type Args<Api, M extends keyof Api> = Api[M] extends (...args: infer A) => unknown ? A : never;
export type Result<Api, M extends keyof Api> = Api[M] extends (...args: never[]) => infer R ? Awaited<R> : never;

export function isCallOrAnswer<E>(message: { kind?: string }): message is ThreadCall | ThreadAnswer<E> {
  return message.kind === 'call' || message.kind === 'answer' || message.kind === 'failed' || message.kind === 'unavailable';
}

/** The calls one thread has sent, each waiting for its answer. */
export class PendingCalls {
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private lastId = 0;

  get size(): number {
    return this.waiting.size;
  }

  /** A new call, posted by `post` with its id; settles with its answer. */
  add(post: (id: number) => void): Promise<unknown> {
    const id = ++this.lastId;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      post(id);
    });
  }

  settle<E>(answer: ThreadAnswer<E>, errors: ErrorCarrier<E>): void {
    const call = this.waiting.get(answer.id);
    if (!call) return;
    this.waiting.delete(answer.id);
    if (answer.kind === 'answer') call.resolve(answer.value);
    else if (answer.kind === 'unavailable') call.reject(new EventStoreUnavailableError(answer.message));
    else call.reject(errors.rethrown(answer.error));
  }

  /** Fails every call waiting: the other thread will not answer them. */
  failAll(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const call of waiting) call.reject(error);
  }
}

/** Does a call of the other thread on `target`, and says how it went, to be posted back. */
export async function answered<E>(call: ThreadCall, target: object, errors: ErrorCarrier<E>): Promise<ThreadAnswer<E>> {
  try {
    const value: unknown = await (target as Record<string, (...args: unknown[]) => unknown>)[call.method].apply(target, call.args);
    return { kind: 'answer', id: call.id, value };
  } catch (error) {
    if (error instanceof EventStoreUnavailableError) return { kind: 'unavailable', id: call.id, message: error.message };
    return { kind: 'failed', id: call.id, error: errors.carried(error) };
  }
}

/**
 * A worker thread's end: it answers the main thread's calls with `Api` (what the main thread asks
 * of it) and calls the main thread's `Asks` (what it asks of the main thread). Its other messages
 * (reports, log lines) it posts itself.
 */
export class MainThreadCalls<Api, Asks, E> {
  private readonly asked = new PendingCalls();

  constructor(
    private readonly port: MessagePort,
    private readonly errors: ErrorCarrier<E>,
  ) {}

  ask<M extends Method<Asks>>(method: M, ...args: Args<Asks, M>): Promise<Result<Asks, M>> {
    return this.asked.add((id) => this.port.postMessage({ kind: 'call', id, method, args } satisfies ThreadCall)) as Promise<Result<Asks, M>>;
  }

  /** From now on answers each call of the main thread with `api`. */
  answerWith(api: Api & object): void {
    this.port.on('message', (message: ThreadCall | ThreadAnswer<E>) => {
      if (message.kind === 'call') void answered(message, api, this.errors).then((answer) => this.port.postMessage(answer));
      else this.asked.settle(message, this.errors);
    });
  }
}
