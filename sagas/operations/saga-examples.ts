/**
 * The saga operations' examples in the OpenAPI document, as the service answered them with sagas
 * on: DESIGN.md's worked example o-1001 paid, shipped and one tee returned; its refund parks, no
 * payment provider being configured (event data cut short).
 */

export const SUMMARIES = {
  sagas: [
    {
      saga: 'fulfillment',
      counts: {
        completed: 1,
      },
      overdue: 0,
      eventsBehind: 0,
      secondsBehind: 0,
    },
    {
      saga: 'refund',
      counts: {
        completed: 0,
        parked: 1,
      },
      overdue: 0,
      eventsBehind: 0,
      secondsBehind: 0,
    },
    {
      saga: 'channel-order',
      counts: {
        completed: 0,
      },
      overdue: 0,
      eventsBehind: 0,
      secondsBehind: 0,
    },
  ],
};

/** The refund of o-1001, parked until a payment provider is configured. */
const PARKED_REFUND = {
  saga: 'refund',
  instanceId: 'o-1001',
  state: 'parked',
  timers: [],
  parked: {
    reason: 'PAYMENT_PROVIDER_NOT_CONFIGURED: no payment provider is configured (PAYMENT_PROVIDER=none): configure one, restart, then retry this instance',
    attempts: 1,
    input: {
      kind: 'event',
      inputId: 'aec48a2b-b734-58f3-8293-370f78d03721',
      type: 'ReturnReceived',
      streamId: 'order-o-1001',
      data: {
        '...': 'the event data as stored',
      },
      correlationId: 'd6fa23be-b63c-4ead-be88-19981f1fe1c5',
    },
    at: '2026-12-06T08:29:44.116Z',
  },
  lastStepAt: '2026-12-06T08:29:43.903Z',
};

export const PARKED = {
  instances: [PARKED_REFUND],
};

/** An order's payment deadline that did not fire in time (the saga thread was down, say). */
export const OVERDUE = {
  instances: [
    {
      instance: {
        saga: 'fulfillment',
        instanceId: 'o-1002',
        state: 'awaiting-payment',
        timers: [
          {
            timerId: 'payment-deadline',
            dueAt: '2026-11-27T11:00:00.000Z',
          },
        ],
        lastStepAt: '2026-11-27T10:00:00.412Z',
      },
      why: 'timer-overdue',
      since: '2026-11-27T11:00:00.000Z',
    },
  ],
};

export const COMPLETED_PAGE = {
  saga: 'fulfillment',
  state: 'completed',
  instances: [
    {
      saga: 'fulfillment',
      instanceId: 'o-1001',
      state: 'completed',
      timers: [],
      completedAt: '2026-12-06T08:29:43.941Z',
    },
  ],
};

/** A retry before the cause is fixed: the refund parks again. */
export const RETRIED = {
  outcome: 'parked-again',
  instance: { ...PARKED_REFUND, parked: { ...PARKED_REFUND.parked, at: '2026-12-06T08:29:44.387Z' } },
};

export const NOT_PARKED = {
  code: 'INSTANCE_NOT_PARKED',
  message: 'saga instance fulfillment/o-1001 is not parked: there is nothing to retry',
  details: { saga: 'fulfillment', instanceId: 'o-1001' },
};
