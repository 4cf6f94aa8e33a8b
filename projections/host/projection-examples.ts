/**
 * The read models' examples in the OpenAPI document: operations.md's halt, a POS gift card sale
 * sent with the offset +25:00, and its correction (the request passes validation as it stands).
 */

const HALTED_EVENT = '0b6e4f1c-5a7d-4c1e-9e2b-3f8a6d2c9b41';

/** The GiftCardSold's whole data as it should have been recorded: soldAt with +01:00. */
export const CORRECTION = {
  eventId: HALTED_EVENT,
  data: {
    giftCardId: 'r5',
    companyCode: 'US01',
    currency: 'USD',
    amountMinor: 5000,
    tender: { kind: 'cash' },
    channel: 'pos',
    soldAt: '2026-11-27T09:30:00+01:00',
    sourceRef: 'payload://pos/r5',
  },
  reason: 'POS sent +25:00 for +01:00 (ticket OPS-1432)',
};

export const CORRECTED = {
  projection: 'journal',
  position: '43',
  correction: {
    eventId: HALTED_EVENT,
    streamId: 'gift-card-r5',
    revision: 0,
    type: 'GiftCardSold',
    data: CORRECTION.data,
    reason: CORRECTION.reason,
    haltedProjection: 'journal',
    error: '"2026-11-27T09:30:00+25:00" is not an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z',
  },
};

export const CORRECTION_CONFLICTS = [
  { code: 'PROJECTION_NOT_HALTED', message: 'projection journal is not halted: there is no event to correct', details: { projection: 'journal' } },
  {
    code: 'NOT_THE_HALTED_EVENT',
    message: `projection journal is halted at event ${HALTED_EVENT}, not 5d1c2b7e-0f4a-4b8e-a1c3-9e7f2d6b8a10`,
    details: { projection: 'journal', haltedAt: HALTED_EVENT },
  },
];

export const CORRECTION_REFUSED = {
  code: 'CORRECTION_DOES_NOT_APPLY',
  message:
    'projection journal could not apply the corrected event either: "2026-11-27T09:30:00+24:00" is not an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z',
  details: {
    projection: 'journal',
    error: '"2026-11-27T09:30:00+24:00" is not an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z',
  },
};

export const REBUILD_CONFLICTS = [
  { code: 'REBUILD_IN_PROGRESS', message: 'projection journal is already being rebuilt', details: { projection: 'journal' } },
  { code: 'NOTHING_TO_VERIFY', message: 'the log holds no event projection journal reads: nothing to verify', details: { projection: 'journal' } },
];

/** Two live, and the journal halted at the gift card sale corrected above (operations.md). */
export const PROJECTIONS = {
  projections: [
    {
      projection: 'finance_open_items',
      state: 'live',
      checkpoint: '1042',
      headPosition: '1042',
      eventsBehind: 0,
      countCap: 10000,
      secondsBehind: 0,
    },
    {
      projection: 'posting_batches',
      state: 'live',
      checkpoint: '1042',
      headPosition: '1042',
      eventsBehind: 0,
      countCap: 10000,
      secondsBehind: 0,
    },
    {
      projection: 'journal',
      state: 'halted',
      checkpoint: '41',
      headPosition: '1042',
      eventsBehind: 1001,
      countCap: 10000,
      secondsBehind: 5400,
      error: '"2026-11-27T09:30:00+25:00" is not an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z',
      halt: {
        position: '42',
        eventId: '0b6e4f1c-5a7d-4c1e-9e2b-3f8a6d2c9b41',
        streamId: 'gift-card-r5',
        revision: 0,
        type: 'GiftCardSold',
        schemaVersion: 1,
        companyCode: 'US01',
        error: '"2026-11-27T09:30:00+25:00" is not an ISO 8601 timestamp with seconds and an offset within ±14:00 on a real calendar day, e.g. 2026-11-27T10:00:00Z',
      },
    },
  ],
};

export const RESTARTED = {
  projection: 'journal',
  state: 'catching-up',
  checkpoint: '33',
  headPosition: '33',
  eventsBehind: 0,
  countCap: 10000,
  secondsBehind: 0,
};

export const REBUILT = {
  projection: 'journal',
  liveGeneration: 1,
  rebuiltGeneration: 2,
  checkpoint: '33',
  eventsApplied: 7,
  liveHash: '2f904f97060787a21b709b75b8374440923e7598ab6bb7f44a807571a51e9d7b',
  rebuiltHash: '2f904f97060787a21b709b75b8374440923e7598ab6bb7f44a807571a51e9d7b',
  equal: true,
  differingTables: [],
  switched: true,
};
