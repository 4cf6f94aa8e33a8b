import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyCode } from '../../src/money';
import { registerCloseDecider, registerCloseId } from '../../src/settlement/register-close/register-close.aggregate';
import type { CloseRegister } from '../../src/settlement/register-close/register-close.commands';
import type { RegisterCloseEvent } from '../../src/settlement/register-close/register-close.events';
import { REGISTER_CLOSE_REFUSALS, type RegisterCloseRefusalCode } from '../../src/settlement/register-close/register-close.refusals';
import { deciderSpec } from '../support/decider-spec';

const { given, stateAfter } = deciderSpec(registerCloseDecider);

/** DESIGN's close: 1250.00 cash expected, 1247.50 counted. */
const closeRegister: CloseRegister = {
  kind: 'CloseRegister',
  storeId: 'store-12',
  registerId: 'reg-3',
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
  closedAt: '2026-11-27T22:05:00-05:00',
  closedBy: 'cashier-41',
};
const closed: RegisterCloseEvent = {
  type: 'RegisterClosed',
  data: {
    storeId: 'store-12',
    registerId: 'reg-3',
    businessDate: '2026-11-27',
    companyCode: 'US01',
    currency: currencyCode('USD'),
    tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750, overShortMinor: -250 }],
    totals: { expectedMinor: 125000, countedMinor: 124750, overShortMinor: -250 },
    closedAt: '2026-11-27T22:05:00-05:00',
    closedBy: 'cashier-41',
  },
};

describe('register close', () => {
  it('records DESIGN’s close: 1250.00 expected, 1247.50 counted is 2.50 short', () => {
    given([]).when(closeRegister).then([closed]);
    assert.equal(stateAfter([closed]).closed?.totals.overShortMinor, -250);
  });

  it('records over and short per tender, and their sum', () => {
    const [event] = registerCloseDecider.decide(
      {
        ...closeRegister,
        tenders: [
          { tender: 'cash', expectedMinor: 125000, countedMinor: 124750 },
          { tender: 'card', expectedMinor: 310000, countedMinor: 310000 },
          { tender: 'gift-card', expectedMinor: 5000, countedMinor: 5100 },
        ],
      },
      stateAfter([]),
    );
    assert.deepEqual(
      event.data.tenders.map((t) => [t.tender, t.overShortMinor]),
      [
        ['cash', -250],
        ['card', 0],
        ['gift-card', 100],
      ],
    );
    assert.deepEqual(event.data.totals, { expectedMinor: 440000, countedMinor: 439850, overShortMinor: -150 });
  });

  it('keys the stream by store, register and business day, so no id can pose as another', () => {
    assert.equal(registerCloseId(closeRegister), 'store-12/reg-3/2026-11-27');
    assert.notEqual(registerCloseId({ storeId: 'a/b', registerId: 'c', businessDate: 'd' }), registerCloseId({ storeId: 'a', registerId: 'b/c', businessDate: 'd' }));
  });
});

const refusals: Array<{ code: RegisterCloseRefusalCode; behaviour: string; given: RegisterCloseEvent[]; when: CloseRegister }> = [
  { code: 'REGISTER_ALREADY_CLOSED', behaviour: 'a register day closes once', given: [closed], when: closeRegister },
  { code: 'NO_TENDERS', behaviour: 'a close counts something', given: [], when: { ...closeRegister, tenders: [] } },
  { code: 'DUPLICATE_TENDER', behaviour: 'a tender is counted once', given: [], when: { ...closeRegister, tenders: [...closeRegister.tenders, ...closeRegister.tenders] } },
  {
    code: 'INVALID_AMOUNT',
    behaviour: 'counted cash of -10^12 against 10^12 expected: an over/short beyond ±10^12',
    given: [],
    when: { ...closeRegister, tenders: [{ tender: 'cash', expectedMinor: 1_000_000_000_000, countedMinor: -1_000_000_000_000 }] },
  },
  {
    code: 'INVALID_AMOUNT',
    behaviour: 'totals over the tenders beyond ±10^12',
    given: [],
    when: {
      ...closeRegister,
      tenders: [
        { tender: 'cash', expectedMinor: 600_000_000_000, countedMinor: 600_000_000_000 },
        { tender: 'card', expectedMinor: 600_000_000_000, countedMinor: 600_000_000_000 },
      ],
    },
  },
  {
    code: 'INVALID_AMOUNT',
    behaviour: 'counts are whole minor units',
    given: [],
    when: { ...closeRegister, tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 1247.5 }] },
  },
  { code: 'INVALID_CURRENCY', behaviour: 'an unknown currency', given: [], when: { ...closeRegister, currency: 'US$' } },
  { code: 'INVALID_DATE', behaviour: 'a business day that does not exist', given: [], when: { ...closeRegister, businessDate: '2026-02-29' } },
  { code: 'INVALID_TIMESTAMP', behaviour: 'closed at an offset of -24:00, which no clock has', given: [], when: { ...closeRegister, closedAt: '2026-11-27T22:05:00-24:00' } },
];

describe('register close: refusals (nothing is recorded)', () => {
  for (const refusal of refusals) {
    it(`${refusal.code}: ${refusal.behaviour}`, () => given(refusal.given).when(refusal.when).thenRefuses(refusal.code));
  }

  it('covers every refusal code a register close can give', () => {
    const covered = new Set(refusals.map((r) => r.code));
    assert.deepEqual(
      REGISTER_CLOSE_REFUSALS.filter((code) => !covered.has(code)),
      [],
      'codes without a spec',
    );
  });
});
