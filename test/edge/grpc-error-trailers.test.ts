import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { connect, constants, type IncomingHttpHeaders } from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { call, grpcErrorBody, KEYS } from '../support/edge-app';
import { callServed, type ServedGrpcMethod, servedGrpcMethods } from '../support/served-grpc-methods';
import { tempDir } from '../support/temp-dir';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS } from '../support/test-keys';

/**
 * What a gRPC error carries must reach any client whatever the input held: grpc-js writes the
 * status text with encodeURI, and HTTP/2 clients take a header of some 50 KB at most. Found by
 * the fuzz (test/fuzz): a refusal quoting half a character ended the process; a health check for
 * a service named with 60,000 characters, or an order of 500 bad lines (1,500 invalid fields),
 * left the client's connection hanging for every call after it.
 */
describe('gRPC errors: status text and trailers any client takes', () => {
  const dir = tempDir('grpc-trailers');
  const methods = new Map<string, ServedGrpcMethod>(servedGrpcMethods().map((m) => [m.name, m]));
  let app: TestApp;
  let client: grpc.Client;
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: GENEROUS_RATE_LIMIT });
    client = new grpc.Client(`127.0.0.1:${app.grpcPort}`, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  });
  after(async () => {
    client.close();
    await app.close();
    dir.remove();
  });

  /** One call on the shared connection; a call that does not end within 10 s shows as DEADLINE_EXCEEDED. */
  const send = (name: string, request: object | Buffer, key?: string) => {
    const metadata = new grpc.Metadata();
    if (key) metadata.set('authorization', `Bearer ${key}`);
    return callServed(client, methods.get(name)!, request, metadata, { deadline: Date.now() + 10_000 });
  };
  const healthy = async () => {
    const { error, response } = await send('grpc.health.v1.Health/Check', { service: '' });
    assert.equal(error, undefined, 'the connection still answers');
    assert.deepEqual(response, { status: 'SERVING' });
  };

  it('answers a refusal whose reason quotes half a character (the JSON parser names the high surrogate of 😀): the process lives on', async () => {
    const { error } = await send('ledgerbridge.channels.v1.ShopifyChannel/ResyncOrder', { shop: 'my-shop.myshopify.com', orderJson: '😀 is not an order' }, KEYS.ops);
    assert.equal(error?.code, grpc.status.INVALID_ARGUMENT, error?.details);
    assert.match(error.details, /orderJson: not JSON: .*'\uFFFD'/);
    await healthy();
  });

  it('cuts a reason that quotes a long input: a health check for a service named with 60,000 characters is NOT_FOUND, and the connection goes on', async () => {
    const { error } = await send('grpc.health.v1.Health/Check', { service: 'a'.repeat(60_000) });
    assert.equal(error?.code, grpc.status.NOT_FOUND, error?.details);
    assert.ok(error.details.length < 2_000, `${error.details.length} characters`);
    await healthy();
  });

  it('sends the first 20 of 1,500 invalid fields over gRPC (the message says how many), all of them over HTTP', async () => {
    const order: Record<string, unknown> = { ...workedExampleOrder('trailers-1'), discounts: [], taxLines: [], tenders: [] };
    order.lines = Array.from({ length: 500 }, (_, i) => ({ lineId: `L${i}`, sku: '', quantity: 0, unitPriceMinor: -1 }));
    const { error } = await send('ledgerbridge.order.v1.Orders/PlaceOrder', order, KEYS.web);
    assert.equal(error?.code, grpc.status.INVALID_ARGUMENT, error?.details);
    assert.match(error.details, /the first 20 of 1500 invalid fields/);
    const body = grpcErrorBody(error);
    assert.equal(body.error.fields.length, 20);
    assert.deepEqual(body.error.fields[0].path, 'lines[0].sku');
    await healthy();
    const overHttp = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: order });
    assert.equal(overHttp.status, 400);
    assert.equal(overHttp.body.error.fields.length, 1500);
  });

  it('refuses a message over 1 MiB by its length (RESOURCE_EXHAUSTED, as HTTP answers 413) and writes nothing', async () => {
    const before = await app.store.readAll();
    const order = { ...workedExampleOrder('trailers-2'), sourceRef: `payload://web/${'x'.repeat(2 * 1024 * 1024)}` };
    const { error } = await send('ledgerbridge.order.v1.Orders/PlaceOrder', order, KEYS.web);
    assert.equal(error?.code, grpc.status.RESOURCE_EXHAUSTED, error?.details);
    assert.match(error.details, /larger than max/);
    assert.equal((await app.store.readAll()).length, before.length, 'nothing appended');
    await healthy();
  });

  it('known limitation (docs/channels.md "Errors"): a message marked gzip that does not decompress is answered INTERNAL by grpc-js before any handler; nothing is written', async () => {
    const before = await app.store.readAll();
    const answer = await rawGrpcCall(
      app.grpcPort,
      '/ledgerbridge.order.v1.Orders/PlaceOrder',
      { 'grpc-encoding': 'gzip', authorization: `Bearer ${KEYS.web}` },
      compressedFrame(Buffer.from('not gzip at all')),
    );
    assert.equal(answer.status, String(grpc.status.INTERNAL));
    assert.equal(answer.message, 'Failed to decompress message');
    assert.equal((await app.store.readAll()).length, before.length, 'nothing appended');
    await healthy();
  });
});

/** A gRPC message frame with the compressed flag set: flag, 4-byte length, the bytes as given. */
function compressedFrame(bytes: Buffer): Buffer {
  const frame = Buffer.alloc(5 + bytes.length);
  frame.writeUInt8(1, 0);
  frame.writeUInt32BE(bytes.length, 1);
  bytes.copy(frame, 5);
  return frame;
}

/** One gRPC call as raw HTTP/2 (no client library would send a broken compressed message): the status trailers. */
function rawGrpcCall(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    const answer: { status?: string; message?: string } = {};
    const take = (fields: IncomingHttpHeaders) => {
      if (fields['grpc-status'] !== undefined) answer.status = String(fields['grpc-status']);
      if (fields['grpc-message'] !== undefined) answer.message = decodeURIComponent(String(fields['grpc-message']));
    };
    stream.on('response', take);
    stream.on('trailers', take);
    stream.on('data', () => undefined);
    stream.on('end', () => {
      session.close();
      resolve(answer);
    });
    stream.on('error', reject);
    stream.end(body);
  });
}
