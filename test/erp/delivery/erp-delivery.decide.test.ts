import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BatchRef, planLane } from '../../../src/erp/delivery/delivery-plan';
import { erpDeliveryDecider } from '../../../src/erp/delivery/erp-delivery.aggregate';
import type { ErpDeliveryCommand, RecordAcknowledged, RecordPending, RecordRejected, SendBatch } from '../../../src/erp/delivery/erp-delivery.commands';
import type { ErpDeliveryEvent } from '../../../src/erp/delivery/erp-delivery.events';
import { deciderSpec } from '../../support/decider-spec';

const { given, stateAfter } = deciderSpec(erpDeliveryDecider);
const AT = '2026-12-01T10:00:00.000Z';
const lane = { companyCode: 'US01', target: 'sap', erp: 'sap' as const, at: AT };
const batch = (n: number) => ({ batchId: `US01-2026-11-28-${n + 1}`, chainIndex: n });

const send = (n: number, attempt = 1, generation = 0, window = 1): SendBatch => ({
  kind: 'SendBatch',
  ...lane,
  ...batch(n),
  attempt,
  generation,
  requestId: `req-${n}-${attempt}`,
  key: batch(n).batchId,
  entryCount: 3,
  positions: null,
  window,
});
const pending = (n: number, attempt = 1): RecordPending => ({
  kind: 'RecordPending',
  ...lane,
  ...batch(n),
  attempt,
  generation: 0,
  messageId: batch(n).batchId,
  confirmBy: '2026-12-01T10:15:00.000Z',
});
const acknowledged = (n: number, attempt = 1, generation = 0): RecordAcknowledged => ({
  kind: 'RecordAcknowledged',
  ...lane,
  ...batch(n),
  attempt,
  generation,
  via: 'confirmation',
  documents: [1, 2, 3].map((position) => ({ entry: { position, entryId: `e${position}` }, documentNumber: `1010/${position}/2026` })),
});
const rejected = (n: number, retryable: boolean, extra: Partial<RecordRejected> = {}): RecordRejected => ({
  kind: 'RecordRejected',
  ...lane,
  ...batch(n),
  attempt: 1,
  generation: 0,
  retryable,
  reason: retryable ? 'unavailable' : 'refused',
  message: retryable ? 'HTTP 503' : 'Posting period 11 2026 is not open',
  ...(retryable ? { retryAt: '2026-12-01T10:00:05.000Z' } : {}),
  refusedEntries: [],
  documents: [],
  via: 'answer',
  entryCount: 3,
  ...extra,
});

/** The events a run of commands records, each decided on the state the ones before it left. */
function run(...commands: ErpDeliveryCommand[]): ErpDeliveryEvent[] {
  const events: ErpDeliveryEvent[] = [];
  for (const command of commands) events.push(...given(events).when(command).events());
  return events;
}

describe('erp-delivery decider: one lane (company code, target) of the delivery log', () => {
  it('takes batches strictly in chain order, at most the window at once', () => {
    given([]).when(send(1)).thenRefuses('DELIVERY_OUT_OF_ORDER', { next: 0 });
    const first = run(send(0));
    assert.equal(first[0].type, 'BatchSentToErp');
    given(first).when(send(1)).thenRefuses('DELIVERY_WINDOW_FULL');
    assert.equal(
      given(first)
        .when(send(1, 1, 0, 2))
        .events()[0].type,
      'BatchSentToErp',
    );
  });

  it('settles a batch once the ERP acknowledges it; a second or late copy of that answer records nothing', () => {
    const events = run(send(0), pending(0), acknowledged(0));
    assert.deepEqual(
      events.map((e) => e.type),
      ['BatchSentToErp', 'BatchPendingAtErp', 'BatchAcknowledgedByErp'],
    );
    const state = stateAfter(events);
    assert.deepEqual(state.open, []);
    assert.equal(state.lastAcknowledged?.batchId, batch(0).batchId);
    given(events).when(acknowledged(0)).then([]);
    given(events).when(pending(0)).then([]);
    given(events).when(send(0, 2)).thenRefuses('DELIVERY_STALE');
  });

  it("records SAP's confirmation that came before its 202 was recorded, and nothing of the 202 after it", () => {
    const events = run(send(0), acknowledged(0));
    given(events).when(pending(0)).then([]);
  });

  it('keeps a batch the ERP could not take open until its retry time, then resends it under the next attempt', () => {
    const events = run(send(0), rejected(0, true));
    const open = stateAfter(events).open[0];
    assert.equal(open.status, 'rejected');
    assert.equal(open.dueAt, '2026-12-01T10:00:05.000Z');
    given(events).when(send(0, 1)).thenRefuses('DELIVERY_STALE');
    assert.equal(given(events).when(send(0, 2)).events()[0].type, 'BatchSentToErp');
  });

  it("dead-letters a refused batch with the ERP's message, remembers what the ERP did post, and replays it under the next generation", () => {
    const partial = [{ entry: { position: 1, entryId: 'e1' }, documentNumber: '1010/100000001/2026' }];
    const events = run(send(0), rejected(0, false, { documents: partial, refusedEntries: [{ position: 2, entryId: 'e2', message: 'not open' }] }));
    assert.deepEqual(
      events.map((e) => e.type),
      ['BatchSentToErp', 'BatchRejectedByErp', 'BatchDeadLettered'],
    );
    assert.equal((events[2].data as { message: string }).message, 'Posting period 11 2026 is not open');
    const open = stateAfter(events).open[0];
    assert.equal(open.status, 'dead-lettered');
    assert.deepEqual(open.remaining, [2, 3]);
    given(events).when(send(0, 2)).thenRefuses('DELIVERY_STALE');
    given(events).when(send(1)).thenRefuses('DELIVERY_WINDOW_FULL');
    const replay = run(...[send(0), rejected(0, false, { documents: partial })], {
      kind: 'RequestReplay',
      companyCode: 'US01',
      target: 'sap',
      batchId: batch(0).batchId,
      at: AT,
      who: 'ops',
      why: 'period opened',
    });
    assert.equal(replay.at(-1)!.type, 'BatchReplayRequested');
    assert.equal(stateAfter(replay).open[0].generation, 1);
    // The replay goes as the next attempt of generation 1; an answer of generation 0 no longer applies.
    assert.equal(
      given(replay)
        .when(send(0, 2, 1))
        .events()[0].type,
      'BatchSentToErp',
    );
    given([
      ...replay,
      ...given(replay)
        .when(send(0, 2, 1))
        .events(),
    ])
      .when(acknowledged(0, 2, 0))
      .then([]);
  });

  it("keeps the ERP's refusal with the dead letter in the lane's state, which every later event of the lane carries, until a replay", () => {
    const refused = Array.from({ length: 60 }, (_, i) => ({ position: i + 1, entryId: `e${i + 1}`, message: 'not open' }));
    const deadLettered = run(send(0), rejected(0, false, { httpStatus: 400, refusedEntries: refused }));
    const rejection = {
      at: AT,
      attempt: 1,
      reason: 'refused',
      message: 'Posting period 11 2026 is not open',
      httpStatus: 400,
      refusedEntries: refused.slice(0, 50),
      refusedCount: 60,
      via: 'answer',
    };
    // The runtime loads the lane from its last event alone (BatchDeadLettered here).
    const fromLast = (events: ErpDeliveryEvent[]) => erpDeliveryDecider.evolve(erpDeliveryDecider.initialState(), events.at(-1)!);
    assert.equal(deadLettered.at(-1)!.type, 'BatchDeadLettered');
    assert.deepEqual(fromLast(deadLettered).open[0].rejection, rejection);
    // The batches after it go on within the window; their events carry the dead letter's refusal along.
    const after = [
      ...deadLettered,
      ...given(deadLettered)
        .when(send(1, 1, 0, 2))
        .events(),
    ];
    assert.deepEqual(
      fromLast(after).open.map((open) => [open.batchId, open.status, open.rejection?.message]),
      [
        [batch(0).batchId, 'dead-lettered', 'Posting period 11 2026 is not open'],
        [batch(1).batchId, 'sent', undefined],
      ],
    );
    // A retryable rejection is no dead letter: nothing kept.
    assert.equal(fromLast(run(send(0), rejected(0, true))).open[0].rejection, undefined);
    // Replayed, the batch waits for its new outcome; refused again, the new refusal is the one kept.
    const replay = { kind: 'RequestReplay' as const, companyCode: 'US01', target: 'sap', batchId: batch(0).batchId, at: AT, who: 'ops', why: 'period opened' };
    const replayed = [...deadLettered, ...given(deadLettered).when(replay).events()];
    assert.equal(fromLast(replayed).open[0].rejection, undefined);
    const again = run(...[send(0), rejected(0, false, { httpStatus: 400, refusedEntries: refused })], replay, send(0, 2, 1), {
      ...rejected(0, false, { attempt: 2, generation: 1, reason: 'unmapped', message: 'no account for role revenue' }),
    });
    assert.deepEqual(fromLast(again).open[0].rejection, {
      at: AT,
      attempt: 2,
      reason: 'unmapped',
      message: 'no account for role revenue',
      httpStatus: null,
      refusedEntries: [],
      refusedCount: 0,
      via: 'answer',
    });
  });

  it('still loads and decides on a lane state recorded before dead letters kept their refusal', () => {
    const [sent, rejectedEvent, deadLetteredEvent] = run(send(0), rejected(0, false));
    // As recorded before: the dead letter in `after` without its rejection.
    const recordedBefore = structuredClone(deadLetteredEvent);
    delete recordedBefore.data.after.open[0].rejection;
    const state = stateAfter([recordedBefore]);
    assert.equal(state.open[0].status, 'dead-lettered');
    assert.equal(state.open[0].rejection, undefined);
    const skip = { kind: 'SkipBatch' as const, companyCode: 'US01', target: 'sap', batchId: batch(0).batchId, at: AT, who: 'ops', why: 'posted by hand' };
    assert.equal(given([sent, rejectedEvent, recordedBefore]).when(skip).events()[0].type, 'BatchSkipped');
    assert.equal(
      given([recordedBefore])
        .when(send(1, 1, 0, 2))
        .events()[0].type,
      'BatchSentToErp',
    );
  });

  it('replays and skips only what waits for an operator: never a batch in flight, never one settled', () => {
    const inFlight = run(send(0));
    const skip = { kind: 'SkipBatch' as const, companyCode: 'US01', target: 'sap', batchId: batch(0).batchId, at: AT, who: 'ops', why: 'posted by hand' };
    given(inFlight).when(skip).thenRefuses('BATCH_IN_FLIGHT');
    given(inFlight)
      .when({ ...skip, kind: 'RequestReplay' })
      .thenRefuses('BATCH_IN_FLIGHT');
    given(run(send(0), acknowledged(0)))
      .when(skip)
      .thenRefuses('BATCH_NOT_DEAD_LETTERED');
    const skipped = run(send(0), rejected(0, false), skip);
    assert.equal(skipped.at(-1)!.type, 'BatchSkipped');
    assert.deepEqual(stateAfter(skipped).open, []);
    assert.equal(given(skipped).when(send(1)).events()[0].type, 'BatchSentToErp');
  });
});

describe('delivery plan: what a lane does now', () => {
  const upcoming: BatchRef[] = [batch(0), batch(1), batch(2)];
  const now = Date.parse(AT);

  it('takes the next batches as the window allows, never past a gap in what the read model holds', () => {
    assert.deepEqual(
      planLane(stateAfter([]), upcoming, now, 2).sends.map((s) => s.batch.batchId),
      [batch(0).batchId, batch(1).batchId],
    );
    assert.deepEqual(planLane(stateAfter([]), [batch(1)], now, 2).sends, []);
  });

  it('resends an attempt that has no outcome (a crash between send and answer), with the same generation', () => {
    const plan = planLane(stateAfter(run(send(0))), upcoming, now, 1);
    assert.deepEqual(plan.sends, [{ batch: batch(0), attempt: 2, generation: 0, positions: null, first: false }]);
  });

  it('waits for a retry time or a confirmation deadline, and leaves dead letters to an operator', () => {
    const waiting = planLane(stateAfter(run(send(0), rejected(0, true))), upcoming, now, 1);
    assert.deepEqual(waiting.sends, []);
    assert.equal(waiting.wakeAt, Date.parse('2026-12-01T10:00:05.000Z'));
    assert.equal(planLane(stateAfter(run(send(0), rejected(0, true))), upcoming, Date.parse('2026-12-01T10:00:05.000Z'), 1).sends.length, 1);
    const dead = planLane(stateAfter(run(send(0), rejected(0, false))), upcoming, now, 1);
    assert.deepEqual(dead.sends, []);
    assert.deepEqual(dead.deadLetters, [batch(0).batchId]);
  });
});
