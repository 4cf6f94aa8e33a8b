import { Logger, type LoggerService } from '@nestjs/common';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sagaServices, SagaThread } from '../../../sagas/host/saga-thread';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { tempDir } from '../../support/temp-dir';
import { placeOrder, sagaThreadInit, stockReserved } from './saga-thread-fixture';

/** The info lines the service's logger receives, by message. */
class InfoLines implements LoggerService {
  readonly messages: string[] = [];
  /** The saga thread's lines come as (fields, message, context); Nest's own as (message, context). */
  log(first: unknown, ...params: unknown[]): void {
    this.messages.push(String(typeof first === 'object' ? params[0] : first));
  }
  warn(): void {}
  error(): void {}
}

/** Places one order with the sagas on their thread, and answers what reached the main thread's logger once its stock is reserved. */
async function linesForOneOrder(file: string, orderId: string, infoLines: boolean): Promise<string[]> {
  const lines = new InfoLines();
  Logger.overrideLogger(lines);
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
  const sagas = new SagaThread(sagaThreadInit(file, { infoLines }), sagaServices(store, dispatcher, []));
  try {
    await sagas.start();
    await placeOrder(dispatcher, orderId);
    await eventually(() => stockReserved(store, orderId), `the stock of ${orderId} reserved`);
    await sagas.sagas.get('fulfillment')!.settled();
    // Lines cross by message: one sent with the step is heard before the answer to this call.
    await sagas.sagas.get('fulfillment')!.counts();
    return [...lines.messages];
  } finally {
    await sagas.stop();
    dispatcher.stop();
    await store.close();
    Logger.overrideLogger(false);
  }
}

describe("the saga thread's info lines", () => {
  const dir = tempDir('saga-info-lines');
  after(() => dir.remove());

  it('sends a line per saga step when the service writes info lines, and none above info (LOG_LEVEL=warn)', async () => {
    const written = await linesForOneOrder(join(dir.path, 'info.sqlite'), 'lines-1', true);
    assert.ok(written.includes('saga step'), written.join(' | '));

    const quiet = await linesForOneOrder(join(dir.path, 'warn.sqlite'), 'lines-2', false);
    assert.deepEqual(
      quiet.filter((message) => message.startsWith('saga ')),
      [],
    );
  });
});
