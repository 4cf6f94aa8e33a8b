import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GrpcCall } from '../../src/transport/grpc-call';
import { HeldGrpcCalls } from '../../src/transport/held-grpc-calls';

/** A held call that is over when `over` settles (the real ones are covered end to end in the order suites). */
function callOverWith(over: Promise<void>): GrpcCall {
  return { cancelled: () => new AbortController().signal, msBeforeDeadline: () => Infinity, sendMetadata: () => undefined, over: () => over };
}

describe('held gRPC calls at shutdown', () => {
  it('holds the shutdown until every held call is over', async () => {
    const calls = new HeldGrpcCalls();
    let end: () => void = () => undefined;
    calls.add(callOverWith(new Promise<void>((resolve) => (end = resolve))));
    calls.add(callOverWith(Promise.resolve()));
    let shutDown = false;
    const shutdown = calls.beforeApplicationShutdown().then(() => (shutDown = true));
    for (let turn = 0; turn < 5; turn += 1) await nextTurn();
    assert.equal(shutDown, false, 'the server could close while a held call was still answering');
    end();
    await shutdown;
  });

  it('lets the shutdown go on after a short grace when a held call never ends', { timeout: 15_000 }, async () => {
    const calls = new HeldGrpcCalls();
    calls.add(callOverWith(new Promise<void>(() => undefined)));
    await calls.beforeApplicationShutdown();
  });
});
