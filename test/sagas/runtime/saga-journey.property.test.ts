import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ChannelRefundReceivedData } from '../../../src/channels/channel-refund.events';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { canonicalJson } from '../../../src/hashing/canonical-json';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { OrderCommand } from '../../../src/order/order.commands';
import { RecordingPaymentProvider } from '../../../src/payments/recording-payment-provider';
import { promotionAggregate } from '../../../src/promotion/promotion.aggregate';
import type { PromotionCommand } from '../../../src/promotion/promotion.commands';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { fulfillmentSaga } from '../../../sagas/fulfillment/fulfillment.saga';
import { providerRefundEffect } from '../../../sagas/refund/provider-refund';
import { refundSaga } from '../../../sagas/refund/refund.saga';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { workedExample } from '../../order/order.fixtures';
import { defineSave10, defineVend5 } from '../../promotion/promotion.fixtures';
import { tempDir } from '../../support/temp-dir';
import { recordChannelRefund } from '../../channels/channel-refund.fixtures';
import { sagaRecords } from '../../support/saga-records';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-27T10:00:00Z');
const ORDER = 'shopify-77';
const at = '2026-11-27T10:05:00Z';
const fulfillment = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: HOUR, pickupTimeoutMs: 24 * HOUR });
const refunds = refundSaga({ orderWaitMs: 24 * HOUR });
const dir = tempDir('saga-journeys');
after(() => dir.remove());
let files = 0;

/** How a delivery is disturbed after a journey step. */
type Disturbance = 'none' | 'duplicate' | 'restart' | 'restart-replay-all' | 'restart-replay-part';

type Step = { kind: 'order'; commandId: string; command: OrderCommand } | { kind: 'channel-refund'; refund: ChannelRefundReceivedData } | { kind: 'time-passes'; ms: number };

interface Journey {
  paid: boolean;
  splitShipment: boolean;
  returned: Array<[string, number]>;
  earlyRefund: boolean;
  disturbances: Disturbance[];
}

function stepsOf(journey: Journey): Step[] {
  const order = (name: string, command: OrderCommand): Step => ({ kind: 'order', commandId: `channel-${name}`, command });
  const steps: Step[] = [];
  if (journey.earlyRefund) {
    steps.push({
      kind: 'channel-refund',
      refund: {
        channel: 'shopify',
        shop: 'acme.myshopify.com',
        refundId: '9001',
        orderId: ORDER,
        returnId: 'shopify-refund-9001',
        lines: [{ lineId: 'L1', quantity: 1 }],
        refundedMinor: 2931,
        currency: 'USD',
        at,
        sourceRef: 'channel-delivery-shopify-wh-9001',
      },
    });
  }
  steps.push(order('place', workedExample({ orderId: ORDER, channel: 'shopify' })));
  steps.push(order('authorize', { kind: 'AuthorizePayment', authorizationId: 'auth-1', amountMinor: journey.paid ? 10519 : 5000, currency: 'USD', at }));
  if (!journey.paid) {
    steps.push({ kind: 'time-passes', ms: HOUR });
    return steps;
  }
  const shipments: Array<Array<[string, number]>> = journey.splitShipment
    ? [[['L1', 2]], [['L2', 1]]]
    : [
        [
          ['L1', 2],
          ['L2', 1],
        ],
      ];
  shipments.forEach((lines, i) =>
    steps.push(order(`ship-${i}`, { kind: 'ConfirmShipment', shipmentId: `s-${i}`, lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })), shippedAt: at })),
  );
  if (journey.returned.length > 0) {
    steps.push(order('request-return', { kind: 'RequestReturn', returnId: 'r-1', lines: journey.returned.map(([lineId, quantity]) => ({ lineId, quantity })), at }));
    steps.push(order('receive-return', { kind: 'ReceiveReturn', returnId: 'r-1', at }));
  }
  return steps;
}

/** Both sagas over one SQLite file; `restart` stops everything and opens the file again, as a new process would. */
async function service(file: string, clock: VirtualClock, provider: RecordingPaymentProvider) {
  const open = async (replayFrom?: bigint) => {
    const store = new SqliteEventStore({ file, durability: 'normal' });
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    const common = {
      store,
      dispatcher,
      aggregates: [orderAggregate, promotionAggregate],
      clock,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      ...(replayFrom !== undefined ? { replayFrom } : {}),
    };
    const sagas = [new SagaRuntime(fulfillment, common), new SagaRuntime(refunds, { ...common, effects: [providerRefundEffect(provider)] })] as const;
    for (const saga of sagas) await saga.start();
    return { store, dispatcher, sagas };
  };
  let current = await open();
  const head = async () => (await current.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.globalPosition ?? 0n;
  return {
    get store() {
      return current.store;
    },
    dispatch: (aggregate: typeof orderAggregate | typeof promotionAggregate, streamId: string, commandId: string, command: OrderCommand | PromotionCommand) =>
      current.dispatcher.dispatch(aggregate as typeof orderAggregate, { commandId, streamId, command: command as OrderCommand, metadata: { channel: 'journey' } }),
    channelRefund: (fact: ChannelRefundReceivedData) => recordChannelRefund(current.dispatcher, fact),
    /** Until neither saga has anything left to react to. */
    async settle() {
      for (;;) {
        const before = await head();
        for (const saga of current.sagas) await saga.settled();
        if ((await head()) === before) return;
      }
    },
    async restart(replayFrom?: 'all' | 'part') {
      const position = replayFrom === 'all' ? 0n : replayFrom === 'part' ? (await head()) / 2n : undefined;
      await close();
      current = await open(position);
    },
    async outcome() {
      const events = await current.store.readAll();
      const sagaWrites = events
        .filter((e) => String(e.metadata.channel ?? '').startsWith('saga:'))
        .map((e) => canonicalJson({ commandId: e.metadata.commandId, streamId: e.streamId, type: e.type, data: e.data }));
      const issued = sagaRecords(events)
        .filter((e) => e.type === 'CommandIssued')
        .map((e) => canonicalJson({ streamId: e.streamId, ...(e.data as object) }));
      const states = [];
      for (const saga of current.sagas) {
        const instance = await saga.instance(ORDER);
        states.push({ state: instance.state, completed: instance.completed, parked: instance.parked?.reason ?? null });
      }
      return {
        states: JSON.parse(canonicalJson(states)),
        issued: issued.sort(),
        sagaWrites: sagaWrites.sort(),
        providerRefunds: provider
          .refunds()
          .map((r) => canonicalJson(r))
          .sort(),
      };
    },
    close,
  };
  async function close() {
    for (const saga of current.sagas) await saga.stop();
    current.dispatcher.stop();
    await current.store.close();
  }
}

/** One journey, delivered as its disturbances say; returns what the sagas ended with and issued. */
async function deliver(journey: Journey, disturbed: boolean) {
  const clock = new VirtualClock(START);
  const provider = new RecordingPaymentProvider();
  const svc = await service(join(dir.path, `journey-${++files}.sqlite`), clock, provider);
  // Both promotions are managed here and held by the order, so compensation and returns touch them.
  for (const [definition, amountMinor] of [
    [{ ...defineSave10, promotionId: 'promo-save10' }, 1000],
    [{ ...defineVend5, promotionId: 'promo-vend5' }, 500],
  ] as const) {
    const id = definition.promotionId;
    await svc.dispatch(promotionAggregate, `promotion-${id}`, `define-${id}`, definition);
    await svc.dispatch(promotionAggregate, `promotion-${id}`, `activate-${id}`, { kind: 'ActivatePromotion', promotionId: id, at: '2026-11-27T09:00:00Z' });
    await svc.dispatch(promotionAggregate, `promotion-${id}`, `apply-${id}`, {
      kind: 'RecordApplication',
      promotionId: id,
      orderId: ORDER,
      amount: { amountMinor, currency: 'USD' },
      at,
    });
  }
  const run = async (step: Step) => {
    if (step.kind === 'order') await svc.dispatch(orderAggregate, `order-${ORDER}`, step.commandId, step.command);
    else if (step.kind === 'channel-refund') await svc.channelRefund(step.refund);
    else clock.advance(step.ms);
  };
  for (const [i, step] of stepsOf(journey).entries()) {
    await run(step);
    const disturbance = disturbed ? journey.disturbances[i] : 'none';
    // Restarting before the sagas settled interrupts them in the middle of reacting to the step.
    if (disturbance === 'restart') await svc.restart();
    if (disturbance === 'restart-replay-all') await svc.restart('all');
    if (disturbance === 'restart-replay-part') await svc.restart('part');
    await svc.settle();
    if (disturbance === 'duplicate' && step.kind !== 'time-passes') {
      await run(step);
      await svc.settle();
    }
  }
  const outcome = await svc.outcome();
  await svc.close();
  return outcome;
}

const journeys: fc.Arbitrary<Journey> = fc.record({
  paid: fc.boolean(),
  splitShipment: fc.boolean(),
  returned: fc.constantFrom<Array<[string, number]>>(
    [],
    [['L1', 1]],
    [['L2', 1]],
    [
      ['L1', 1],
      ['L2', 1],
    ],
  ),
  earlyRefund: fc.boolean(),
  disturbances: fc.array(fc.constantFrom<Disturbance>('none', 'duplicate', 'restart', 'restart-replay-all', 'restart-replay-part'), { minLength: 8, maxLength: 8 }),
});

describe('saga journeys under duplicated, redelivered and interrupted delivery', () => {
  it('end in the same saga states and the same issued commands (ids and payloads) as one clean delivery', async () => {
    await fc.assert(
      fc.asyncProperty(journeys, async (journey) => {
        const clean = await deliver(journey, false);
        const disturbed = await deliver(journey, true);
        assert.deepEqual(disturbed.states, clean.states, 'final saga states');
        assert.deepEqual(disturbed.issued, clean.issued, 'commands the sagas issued');
        assert.deepEqual(disturbed.sagaWrites, clean.sagaWrites, 'what those commands wrote');
        assert.deepEqual(disturbed.providerRefunds, clean.providerRefunds, 'refunds the provider paid');
      }),
      { numRuns: 25, includeErrorInReport: true },
    );
  });

  it('the journeys exercise every saga path: compensation, returns with clawbacks, and a refund before sale', async () => {
    const early = await deliver({ paid: true, splitShipment: true, returned: [['L2', 1]], earlyRefund: true, disturbances: Array(8).fill('restart-replay-part') }, true);
    const kinds = early.issued.map((c) => (JSON.parse(c) as { kind: string }).kind);
    assert.deepEqual(
      ['ReserveInventory', 'CapturePayment', 'RequestReturn', 'ReceiveReturn', 'RecordClawback', 'IssueRefund', 'RefundPayment'].filter((k) => !kinds.includes(k)),
      [],
    );
    assert.equal(early.providerRefunds.length, 1, 'only the customer return went through the provider');
    const unpaid = await deliver({ paid: false, splitShipment: false, returned: [], earlyRefund: false, disturbances: Array(8).fill('duplicate') }, true);
    assert.ok(unpaid.issued.some((c) => (JSON.parse(c) as { kind: string }).kind === 'ReleaseApplication'));
  });
});
