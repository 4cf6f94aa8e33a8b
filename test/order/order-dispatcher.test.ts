import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';
import { tempDir } from '../support/temp-dir';
import { authorize, capture, history, receiveReturn, requestReturn, ship, workedExample } from './order.fixtures';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';

const options = { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 };

describe('the order aggregate on the real command dispatcher and embedded store', () => {
  const dir = tempDir('order');
  let store: SqliteEventStore;
  let dispatcher: CommandDispatcher;
  let n = 0;
  const send = (d: CommandDispatcher, orderId: string, command: OrderCommand) =>
    d.dispatch(orderAggregate, { commandId: `cmd-${++n}`, streamId: streamIdOf(orderAggregate, orderId), command, metadata: { correlationId: 'corr-order', channel: 'web' } });

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    dispatcher = new CommandDispatcher(store, options);
  });
  after(async () => {
    dispatcher.stop();
    await store.close();
    dir.remove();
  });

  it('stores exactly the events the decider decides, and a fresh actor rebuilds the same order from them', async () => {
    const commands: OrderCommand[] = [
      workedExample(),
      authorize(10519),
      capture(10519),
      ship('s1', [['L1', 1]]),
      ship('s2', [
        ['L1', 1],
        ['L2', 1],
      ]),
      requestReturn('r1', [['L1', 1]]),
      receiveReturn('r1'),
    ];
    for (const command of commands) await send(dispatcher, 'o-1001', command);
    const stored = await store.readStream('order-o-1001');
    assert.deepEqual(
      stored.map((e) => ({ type: e.type, data: e.data })),
      history(...commands),
      'events round-trip through the store unchanged',
    );

    // A dispatcher on another "node" starts cold: it must rebuild the state from the stored events.
    const cold = new CommandDispatcher(store, options);
    try {
      await assert.rejects(send(cold, 'o-1001', ship('s3', [['L2', 1]])), { code: 'SHIP_QUANTITY_EXCEEDS_REMAINING' });
      const refund = await send(cold, 'o-1001', { kind: 'IssueRefund', refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: '2026-12-01T00:00:00Z', returnId: 'r1' });
      assert.deepEqual(
        refund.events.map((e) => [e.type, e.revision]),
        [['RefundIssued', commands.length]],
      );
    } finally {
      cold.stop();
    }
  });

  it('appends nothing when a command is refused, and says why with a reason code', async () => {
    await send(dispatcher, 'o-2002', workedExample({ orderId: 'o-2002' }));
    await assert.rejects(send(dispatcher, 'o-2002', capture(1)), (error: unknown) => {
      assert.ok(error instanceof BusinessRuleRefusal);
      assert.equal(error.code, 'CAPTURE_EXCEEDS_AUTHORIZATION');
      return true;
    });
    await assert.rejects(send(dispatcher, 'o-2002', workedExample({ orderId: 'o-2002' })), { code: 'ORDER_ALREADY_PLACED' });
    await assert.rejects(send(dispatcher, 'o-3003', capture(1)), { code: 'ORDER_NOT_FOUND' });
    assert.deepEqual(
      (await store.readStream('order-o-2002')).map((e) => e.type),
      ['OrderPlaced'],
    );
    await assert.rejects(store.readStream('order-o-3003'), StreamNotFoundError, 'a refused first command creates no stream');
  });
});
