import { resolve } from 'node:path';
import { callOnce, type GrpcAnswer } from './grpc-client';
import { startTestApp, type TestApp } from './test-app';
import { TEST_CALLERS } from './test-keys';
import { TabEdgeModule } from './tab-edge.module';

export { grpcErrorBody, type GrpcAnswer } from './grpc-client';
export { TEST_KEYS as KEYS } from './test-keys';

/** tab.proto stays in the source tree; this file runs from a dist folder. */
const TAB_PROTO = resolve(__dirname, '..', '..', '..', 'test', 'support', 'tab.proto');

export type EdgeApp = TestApp;

/**
 * The real app on 127.0.0.1 with the tab module's HTTP and gRPC endpoints. Sagas stay off: the
 * edge tests are about the edge, and sagas would only add writes of their own.
 */
export function startEdgeApp(dataDir: string, env: Record<string, string> = {}): Promise<EdgeApp> {
  return startTestApp({
    dataDir,
    keys: TEST_CALLERS,
    env,
    imports: [TabEdgeModule],
    grpcPackages: [{ package: 'ledgerbridge.test.v1', protoPath: TAB_PROTO }],
  });
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON request; `key` goes in Authorization: Bearer. */
export async function call(base: string, method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Calls a method of the test Tabs service with the given metadata; never throws. */
export function callTabs(port: number, method: 'AddItem' | 'Fail', request: object, metadata: Record<string, string> = {}): Promise<GrpcAnswer> {
  return callOnce(port, { proto: TAB_PROTO, service: 'ledgerbridge.test.v1.Tabs' }, method, request, undefined, metadata);
}
