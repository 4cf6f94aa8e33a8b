import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { OpenGrpcCalls } from '../../src/transport/open-grpc-calls';
import { GrpcClient, grpcErrorBody, type GrpcAnswer } from '../support/grpc-client';

const TAB_PROTO = resolve(__dirname, '..', '..', '..', 'test', 'support', 'tab.proto');
const TABS = { proto: TAB_PROTO, service: 'ledgerbridge.test.v1.Tabs' };

/** A grpc-js server on 127.0.0.1 whose AddItem answers when the test says, through the interceptor, closed by force as Nest closes it. */
async function serverWith(calls: OpenGrpcCalls): Promise<{ port: number; arrived: string[]; answer: (tabId: string) => void; close: () => void }> {
  const definition = protoLoader.loadSync(TAB_PROTO, { keepCase: true });
  const service = (grpc.loadPackageDefinition(definition) as any).ledgerbridge.test.v1.Tabs.service;
  const server = new grpc.Server({ interceptors: [calls.interceptor()] });
  const arrived: string[] = [];
  const waiting = new Map<string, () => void>();
  server.addService(service, {
    AddItem: (call: grpc.ServerUnaryCall<{ tabId: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      arrived.push(call.request.tabId);
      waiting.set(call.request.tabId, () => callback(null, { tabId: call.request.tabId, revision: 1, eventIds: [] }));
    },
    Fail: (_: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED }),
  });
  const port = await new Promise<number>((done, fail) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? fail(error) : done(bound))),
  );
  return { port, arrived, answer: (tabId) => waiting.get(tabId)!(), close: () => server.forceShutdown() };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('gRPC calls open when the service stops', () => {
  it('holds the shutdown until an open call is answered, then its client has the answer, not CANCELLED; a call arriving meanwhile is refused UNAVAILABLE STOPPING', async () => {
    const calls = new OpenGrpcCalls();
    const server = await serverWith(calls);
    const client = new GrpcClient(server.port, TABS);
    const open = client.call('AddItem', { tabId: 'open-1' });
    await until(() => server.arrived.includes('open-1'));

    let stopped = false;
    const stopping = calls.beforeApplicationShutdown().then(() => (stopped = true));
    // With a deadline: served instead of refused, it would wait on its handler like the open one.
    const late = await client.call('AddItem', { tabId: 'late-1' }, undefined, {}, { deadline: new Date(Date.now() + 2_000) });
    assert.equal(late.error?.code, grpc.status.UNAVAILABLE);
    assert.match(late.error.details, /^STOPPING: the service is stopping: send the call again/);
    assert.equal(grpcErrorBody(late.error).error.code, 'STOPPING', 'the same trailers as every other refusal');
    assert.ok(!server.arrived.includes('late-1'), 'the refused call never reached its handler');
    for (let turn = 0; turn < 5; turn += 1) await nextTurn();
    assert.equal(stopped, false, 'the server could close while a call was still open');

    server.answer('open-1');
    await stopping;
    server.close();
    const answered: GrpcAnswer = await open;
    assert.equal(answered.error, undefined);
    assert.equal(answered.response.tabId, 'open-1');
    client.close();
  });

  it('lets the shutdown go on after a short grace when an open call never answers', { timeout: 15_000 }, async () => {
    const calls = new OpenGrpcCalls();
    const server = await serverWith(calls);
    const stuckClient = new GrpcClient(server.port, TABS);
    const stuck = stuckClient.call('AddItem', { tabId: 'stuck-1' });
    await until(() => server.arrived.includes('stuck-1'));
    await calls.beforeApplicationShutdown();
    server.close();
    assert.equal((await stuck).error?.code, grpc.status.CANCELLED, 'cut by the force close, as before this waited');
    stuckClient.close();
  });
});
