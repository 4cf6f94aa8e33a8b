import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { PromotionCommand } from '../../src/promotion/promotion.commands';
import { promotionAggregate } from '../../src/promotion/promotion.aggregate';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';
import { tempDir } from '../support/temp-dir';
import { defineSave10, DURING } from './promotion.fixtures';

describe('promotion over the real command dispatcher and embedded store', () => {
  const dir = tempDir('promotion');
  let store: SqliteEventStore;
  let dispatcher: CommandDispatcher;
  let n = 0;
  const streamId = streamIdOf(promotionAggregate, 'save10');
  const send = (command: PromotionCommand) =>
    dispatcher.dispatch(promotionAggregate, { commandId: `cmd-${++n}`, streamId, command, metadata: { correlationId: 'corr-promo', channel: 'test' } });

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 });
  });
  after(async () => {
    dispatcher.stop();
    await store.close();
    dir.remove();
  });

  it('records the lifecycle in stream promotion-save10, and a refused application appends nothing', async () => {
    await send({ ...defineSave10, usageLimit: 1 });
    await send({ kind: 'ActivatePromotion', promotionId: 'save10', at: '2026-11-26T00:00:00Z' });
    await send({ kind: 'RecordApplication', promotionId: 'save10', orderId: 'order-1', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING });
    await assert.rejects(
      send({ kind: 'RecordApplication', promotionId: 'save10', orderId: 'order-2', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING }),
      (error: unknown) => error instanceof BusinessRuleRefusal && error.code === 'PROMOTION_USAGE_LIMIT_REACHED',
    );
    const stored = await store.readStream(streamId);
    assert.equal(streamId, 'promotion-save10');
    assert.deepEqual(
      stored.map((e) => e.type),
      ['PromotionDefined', 'PromotionActivated', 'PromotionApplied'],
    );

    // Releasing the first order frees its use, so the second order now gets the promotion.
    await send({ kind: 'ReleaseApplication', promotionId: 'save10', orderId: 'order-1', at: '2026-11-27T11:00:00Z' });
    const outcome = await send({ kind: 'RecordApplication', promotionId: 'save10', orderId: 'order-2', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING });
    assert.deepEqual(
      outcome.events.map((e) => [e.type, e.revision]),
      [['PromotionApplied', 4]],
    );
  });
});
