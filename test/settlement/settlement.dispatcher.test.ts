import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';
import { registerCloseAggregate, registerCloseId } from '../../src/settlement/register-close/register-close.aggregate';
import type { CloseRegister } from '../../src/settlement/register-close/register-close.commands';
import { settlementAggregate, settlementId } from '../../src/settlement/settlement.aggregate';
import { tempDir } from '../support/temp-dir';
import { reportPayout } from './settlement.fixtures';

const refusedWith = (code: string) => (error: unknown) => error instanceof BusinessRuleRefusal && error.code === code;

describe('settlement and register close over the real command dispatcher and embedded store', () => {
  const dir = tempDir('settlement');
  let store: SqliteEventStore;
  let dispatcher: CommandDispatcher;
  let n = 0;
  const metadata = { correlationId: 'corr-settle', channel: 'test' };

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 });
  });
  after(async () => {
    dispatcher.stop();
    await store.close();
    dir.remove();
  });

  it('records a reconciled payout once; reporting it again appends nothing', async () => {
    const streamId = streamIdOf(settlementAggregate, settlementId(reportPayout));
    const first = await dispatcher.dispatch(settlementAggregate, { commandId: `cmd-${++n}`, streamId, command: reportPayout, metadata });
    assert.deepEqual(
      first.events.map((e) => e.type),
      ['SettlementReported', 'SettlementReconciled'],
    );
    await assert.rejects(
      dispatcher.dispatch(settlementAggregate, { commandId: `cmd-${++n}`, streamId, command: reportPayout, metadata }),
      refusedWith('SETTLEMENT_ALREADY_REPORTED'),
    );
    assert.equal(streamId, 'settlement-stripe/po-1');
    assert.equal((await store.readStream(streamId)).length, 2);
  });

  it('closes a register day once (2.50 short); a second close appends nothing', async () => {
    const close: CloseRegister = {
      kind: 'CloseRegister',
      storeId: 'store-12',
      registerId: 'reg-3',
      businessDate: '2026-11-27',
      companyCode: 'US01',
      currency: 'USD',
      tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
      closedAt: '2026-11-27T22:05:00-05:00',
    };
    const streamId = streamIdOf(registerCloseAggregate, registerCloseId(close));
    const outcome = await dispatcher.dispatch(registerCloseAggregate, { commandId: `cmd-${++n}`, streamId, command: close, metadata });
    assert.deepEqual(
      outcome.events.map((e) => [e.type, (e.data as { totals: { overShortMinor: number } }).totals.overShortMinor]),
      [['RegisterClosed', -250]],
    );
    await assert.rejects(
      dispatcher.dispatch(registerCloseAggregate, {
        commandId: `cmd-${++n}`,
        streamId,
        command: { ...close, tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 125000 }] },
        metadata,
      }),
      refusedWith('REGISTER_ALREADY_CLOSED'),
    );
    assert.equal((await store.readStream(streamId)).length, 1);
  });
});
