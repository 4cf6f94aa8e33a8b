import assert from 'node:assert/strict';
import { Inject, Injectable, Module } from '@nestjs/common';
import { CommandBus, EventsHandler, type IEvent, type IEventHandler, ofType, Saga } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import { filter, type Observable } from 'rxjs';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { EventRecorded } from '../../src/runtime/event-recorded';
import { HandleAggregateCommand } from '../../src/runtime/handle-aggregate-command';
import { reactSafely } from '../../src/runtime/react-safely';
import { grpcHealthCheck } from '../support/grpc-health-client';
import type { LogCapture } from '../support/log-capture';
import { tabAggregate, type TabCommand } from '../support/tab.aggregate';
import { tempDir } from '../support/temp-dir';
import { startTestApp } from '../support/test-app';

const seen: Array<{ type: string; storedWhenPublished: boolean }> = [];
const sagaErrors: string[] = [];

@EventsHandler(EventRecorded)
class StoredBeforePublished implements IEventHandler<EventRecorded> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async handle(recorded: EventRecorded): Promise<void> {
    const stream = await this.store.readStream(recorded.streamId);
    seen.push({ type: recorded.type, storedWhenPublished: stream.some((e) => e.eventId === recorded.event.eventId) });
  }
}

@EventsHandler(EventRecorded)
class AlwaysFails implements IEventHandler<EventRecorded> {
  handle(): void {
    throw new Error('this handler always fails');
  }
}

/** Closes a tab when a CLOSE-ME item is added; crashes on BOOM items. */
@Injectable()
class AutoCloseSaga {
  @Saga()
  autoClose = (events$: Observable<IEvent>): Observable<HandleAggregateCommand> =>
    events$.pipe(
      ofType(EventRecorded),
      filter((e) => e.type === 'ItemAdded'),
      reactSafely(
        (e: EventRecorded) => {
          const sku = (e.event.data as { sku: string }).sku;
          if (sku === 'BOOM') throw new Error('saga step failed');
          if (sku !== 'CLOSE-ME') return undefined;
          return new HandleAggregateCommand(tabAggregate, {
            commandId: `auto-close-${e.event.eventId}`,
            streamId: e.streamId,
            command: { kind: 'CloseTab', closedAt: '2026-11-27T12:00:00Z' } as TabCommand,
            metadata: { causationId: e.event.eventId },
          });
        },
        (error) => sagaErrors.push((error as Error).message),
      ),
    );
}

@Module({ providers: [StoredBeforePublished, AlwaysFails, AutoCloseSaga] })
class ProbeModule {}

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

describe('application: command pipeline, health, logs', () => {
  const dir = tempDir('app');
  let logs: LogCapture;
  let app: NestFastifyApplication;
  let base: string;
  let grpcPort: number;
  let store: EventStore;
  const execute = (streamId: string, command: TabCommand, commandId: string) =>
    app.get(CommandBus).execute(new HandleAggregateCommand(tabAggregate, { commandId, streamId, command, metadata: {} }));

  before(async () => {
    // The whole service as `npm start` runs it: no keys, sagas on.
    ({ app, base, grpcPort, store, logs } = await startTestApp({ dataDir: dir.path, env: { SAGAS_ENABLED: 'true' }, imports: [ProbeModule] }));
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('persists a command’s events before publishing them, and a failing handler harms nothing', async () => {
    const outcome = await execute('tab-pipeline-1', { kind: 'AddItem', sku: 'A', amountMinor: 500 }, 'cmd-p1');
    assert.equal(outcome.events.length, 1);
    await eventually(() => seen.some((s) => s.type === 'ItemAdded'), 'the event handler saw ItemAdded');
    assert.ok(seen.every((s) => s.storedWhenPublished), 'every published event was already in the store');
    const second = await execute('tab-pipeline-1', { kind: 'AddItem', sku: 'B', amountMinor: 5 }, 'cmd-p2');
    assert.equal(second.revision, 1, 'the bus still works after a handler threw');
  });

  it('keeps a saga alive after one of its steps throws', async () => {
    await execute('tab-saga-1', { kind: 'AddItem', sku: 'BOOM', amountMinor: 100 }, 'cmd-s1');
    await eventually(() => sagaErrors.includes('saga step failed'), 'the saga reported its failure');
    await execute('tab-saga-1', { kind: 'AddItem', sku: 'CLOSE-ME', amountMinor: 100 }, 'cmd-s2');
    await eventually(
      async () => (await store.readStream('tab-saga-1')).some((e) => e.type === 'TabClosed'),
      'the saga closed the tab after its earlier failure',
    );
  });

  it('answers /health and /ready, and echoes the caller’s correlation id into every request log line', async () => {
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });

    const ready = await fetch(`${base}/ready`, { headers: { 'x-correlation-id': 'corr-ready-42', authorization: 'Bearer s3cr3t' } });
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', eventStore: 'embedded' });
    assert.equal(ready.headers.get('x-correlation-id'), 'corr-ready-42');

    const requestLines = logs.lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/ready');
    assert.equal(requestLines.length, 1, 'the request was logged once');
    assert.equal(requestLines[0].correlationId, 'corr-ready-42');
    assert.ok(!logs.lines.some((line) => JSON.stringify(line).includes('s3cr3t')), 'the authorization header never reaches the log');
  });

  it('makes up a correlation id when the caller gives none or an unsafe one', async () => {
    const plain = await fetch(`${base}/health`);
    assert.match(plain.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    const hostile = await fetch(`${base}/health`, { headers: { 'x-correlation-id': 'a"b\\n{"level":60}' } });
    assert.match(hostile.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('serves the standard gRPC health check', async () => {
    assert.equal(await grpcHealthCheck(grpcPort), 'SERVING');
    await assert.rejects(grpcHealthCheck(grpcPort, 'no.such.Service'), /NOT_FOUND|unknown service/);
  });

  it('reports not ready, over HTTP and gRPC, once the store is closed, logging why under the request’s correlation id', async () => {
    await store.close();
    const ready = await fetch(`${base}/ready`, { headers: { 'x-correlation-id': 'corr-down-7' } });
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as { status: string }).status, 'not_ready');
    const warning = logs.lines.find((line) => typeof line.msg === 'string' && line.msg.includes('event store is not answering'));
    assert.ok(warning, 'the failed readiness check was logged');
    assert.equal(warning.correlationId, 'corr-down-7');
    assert.equal(await grpcHealthCheck(grpcPort), 'NOT_SERVING');
  });
});
