import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import type { OrderEvent } from '../../src/order/order.events';
import { ORDER_REFUSAL_CODES, type OrderRefusalCode } from '../../src/order/order-refusals';
import { deciderSpec } from '../support/decider-spec';
import { authorize, cancel, capture, history, pickup, receiveReturn, refund, release, requestReturn, reserve, ship, voidAuth, workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);
const placed = history(workedExample());
const pickupOrder = history(workedExample({ fulfillment: { type: 'pickup', locationId: 'store-12' } }));
const shippedAll = history(
  workedExample(),
  ship('s1', [
    ['L1', 2],
    ['L2', 1],
  ]),
);

interface Case {
  name: string;
  given: OrderEvent[];
  when: OrderCommand;
  code: OrderRefusalCode;
  details?: Record<string, unknown>;
}

const cases: Case[] = [
  { name: 'a command on an order never placed', given: [], when: capture(100), code: 'ORDER_NOT_FOUND' },
  { name: 'placing the same order twice', given: placed, when: workedExample(), code: 'ORDER_ALREADY_PLACED' },
  { name: 'shipping a cancelled order', given: history(workedExample(), cancel()), when: ship('s1', [['L1', 1]]), code: 'ORDER_CANCELLED' },
  { name: 'capturing on a cancelled order', given: history(workedExample(), authorize(10519), cancel()), when: capture(100), code: 'ORDER_CANCELLED' },
  { name: 'cancelling twice', given: history(workedExample(), cancel()), when: cancel(), code: 'ORDER_CANCELLED' },
  { name: 'placed at +25:00, an offset no clock has', given: [], when: workedExample({ placedAt: '2026-11-27T09:30:00+25:00' }), code: 'INVALID_TIMESTAMP' },
  { name: 'shipped in a leap second', given: placed, when: { ...ship('s1', [['L1', 1]]), shippedAt: '2026-12-31T23:59:60Z' } as OrderCommand, code: 'INVALID_TIMESTAMP' },
  {
    name: 'a capture on 30 February',
    given: history(workedExample(), authorize(10519)),
    when: { ...capture(100), at: '2026-02-30T10:00:00Z' } as OrderCommand,
    code: 'INVALID_TIMESTAMP',
  },
  { name: 'a currency that is not ISO 4217', given: [], when: workedExample({ currency: 'XYZ' }), code: 'UNKNOWN_CURRENCY' },
  {
    name: 'capturing in another currency',
    given: history(workedExample(), authorize(10519)),
    when: capture(100, 'c', 'EUR'),
    code: 'CURRENCY_MISMATCH',
    details: { expected: 'USD', actual: 'EUR' },
  },
  { name: 'an order without lines', given: [], when: workedExample({ lines: [], discounts: [], taxLines: [] }), code: 'NO_LINES' },
  { name: 'a shipment without lines', given: placed, when: ship('s1', []), code: 'NO_LINES' },
  {
    name: 'an order whose discounts land on more than 2,000 line shares (a channel-built order no DTO bounded)',
    given: [],
    when: workedExample({
      lines: Array.from({ length: 101 }, (_, i) => ({ lineId: `L${i}`, sku: 'A', quantity: 1, unitPriceMinor: 1000 })),
      discounts: Array.from({ length: 20 }, (_, i) => ({ promotionId: `p${i}`, funding: 'retailer' as const, amountMinor: 1 })),
      taxLines: [],
      tenders: [],
    }),
    code: 'ORDER_TOO_LARGE',
    details: { count: 2020, max: 2000 },
  },
  {
    name: 'two order lines with one id',
    given: [],
    when: workedExample({
      lines: [
        { lineId: 'L1', sku: 'A', quantity: 1, unitPriceMinor: 100 },
        { lineId: 'L1', sku: 'B', quantity: 1, unitPriceMinor: 100 },
      ],
      discounts: [],
      taxLines: [],
      tenders: [],
    }),
    code: 'DUPLICATE_LINE_ID',
  },
  {
    name: 'a shipment naming a line twice',
    given: placed,
    when: ship('s1', [
      ['L1', 1],
      ['L1', 1],
    ]),
    code: 'DUPLICATE_LINE_ID',
  },
  {
    name: 'a tax line for an unknown line',
    given: [],
    when: workedExample({ taxLines: [{ lineId: 'L9', rate: '8%', amountMinor: 1 }] }),
    code: 'UNKNOWN_LINE',
    details: { lineId: 'L9' },
  },
  {
    name: 'a discount allocated to an unknown line',
    given: [],
    when: workedExample({ discounts: [{ promotionId: 'p', funding: 'retailer', amountMinor: 100, allocations: [{ lineId: 'L9', amountMinor: 100 }] }] }),
    code: 'UNKNOWN_LINE',
  },
  { name: 'shipping an unknown line', given: placed, when: ship('s1', [['L9', 1]]), code: 'UNKNOWN_LINE' },
  {
    name: 'a zero quantity line',
    given: [],
    when: workedExample({ lines: [{ lineId: 'L1', sku: 'A', quantity: 0, unitPriceMinor: 100 }], discounts: [], taxLines: [] }),
    code: 'INVALID_QUANTITY',
  },
  { name: 'a fractional shipment quantity', given: placed, when: ship('s1', [['L1', 0.5]]), code: 'INVALID_QUANTITY' },
  {
    name: 'a negative unit price',
    given: [],
    when: workedExample({ lines: [{ lineId: 'L1', sku: 'A', quantity: 1, unitPriceMinor: -1 }], discounts: [], taxLines: [] }),
    code: 'INVALID_AMOUNT',
  },
  { name: 'a fractional shipping amount', given: [], when: workedExample({ shippingLines: [{ code: 'X', amountMinor: 7.99 }] }), code: 'INVALID_AMOUNT' },
  { name: 'a negative discount', given: [], when: workedExample({ discounts: [{ promotionId: 'p', funding: 'retailer', amountMinor: -100 }] }), code: 'INVALID_AMOUNT' },
  { name: 'a zero authorization', given: placed, when: authorize(0), code: 'INVALID_AMOUNT' },
  {
    name: 'a line whose price times quantity passes 10^12',
    given: [],
    when: workedExample({ lines: [{ lineId: 'L1', sku: 'A', quantity: 2, unitPriceMinor: 600_000_000_000 }], discounts: [], taxLines: [], tenders: [] }),
    code: 'INVALID_AMOUNT',
  },
  {
    name: 'one promotion applied twice',
    given: [],
    when: workedExample({
      discounts: [
        { promotionId: 'p', funding: 'retailer', amountMinor: 1 },
        { promotionId: 'p', funding: 'retailer', amountMinor: 1 },
      ],
      tenders: [],
    }),
    code: 'DUPLICATE_DISCOUNT_APPLICATION',
  },
  {
    name: 'allocations that do not sum to the discount',
    given: [],
    when: workedExample({
      discounts: [
        {
          promotionId: 'p',
          funding: 'retailer',
          amountMinor: 1000,
          allocations: [
            { lineId: 'L1', amountMinor: 600 },
            { lineId: 'L2', amountMinor: 399 },
          ],
        },
      ],
    }),
    code: 'DISCOUNT_ALLOCATION_MISMATCH',
    details: { amountMinor: 1000, allocatedMinor: 999 },
  },
  {
    name: 'a line discounted below zero',
    given: [],
    when: workedExample({ discounts: [{ promotionId: 'p', funding: 'retailer', amountMinor: 4501, allocations: [{ lineId: 'L2', amountMinor: 4501 }] }] }),
    code: 'DISCOUNT_EXCEEDS_LINE_AMOUNT',
    details: { lineId: 'L2', discountMinor: 4501, grossMinor: 4500 },
  },
  { name: 'a tax rate that is not a rate', given: [], when: workedExample({ taxLines: [{ lineId: 'L1', rate: 'eight', amountMinor: 434 }] }), code: 'INVALID_TAX_RATE' },
  {
    name: 'included tax larger than what was paid for the line',
    given: [],
    when: workedExample({
      lines: [{ lineId: 'L1', sku: 'A', quantity: 1, unitPriceMinor: 1000, taxIncluded: true }],
      discounts: [],
      taxLines: [{ lineId: 'L1', rate: '20%', amountMinor: 1001 }],
      tenders: [],
    }),
    code: 'TAX_EXCEEDS_LINE_AMOUNT',
  },
  {
    name: 'tenders that do not pay the total',
    given: [],
    when: workedExample({ tenders: [{ kind: 'card', amountMinor: 10518 }] }),
    code: 'TENDER_TOTAL_MISMATCH',
    details: { tenderedMinor: 10518, totalMinor: 10519 },
  },
  { name: 'an authorization id used twice', given: history(workedExample(), authorize(5000)), when: authorize(100), code: 'AUTHORIZATION_ALREADY_RECORDED' },
  { name: 'authorizing more than the order total', given: history(workedExample(), authorize(10000)), when: authorize(520, 'auth-2'), code: 'AUTHORIZATION_EXCEEDS_ORDER_TOTAL' },
  { name: 'voiding an unknown authorization', given: placed, when: voidAuth('auth-9'), code: 'UNKNOWN_AUTHORIZATION' },
  { name: 'voiding twice', given: history(workedExample(), authorize(10519), voidAuth()), when: voidAuth(), code: 'AUTHORIZATION_ALREADY_VOIDED' },
  { name: 'voiding a fully captured authorization', given: history(workedExample(), authorize(10519), capture(10519)), when: voidAuth(), code: 'AUTHORIZATION_FULLY_CAPTURED' },
  { name: 'a capture id used twice', given: history(workedExample(), authorize(10519), capture(100)), when: capture(100), code: 'CAPTURE_ALREADY_RECORDED' },
  { name: 'capturing without an authorization', given: placed, when: capture(1), code: 'CAPTURE_EXCEEDS_AUTHORIZATION', details: { capturableMinor: 0 } },
  {
    name: 'capturing more than authorized, cumulatively',
    given: history(workedExample(), authorize(10519), capture(10000)),
    when: capture(520, 'cap-2'),
    code: 'CAPTURE_EXCEEDS_AUTHORIZATION',
    details: { capturableMinor: 519 },
  },
  { name: 'capturing on a voided authorization', given: history(workedExample(), authorize(10519), voidAuth()), when: capture(1), code: 'CAPTURE_EXCEEDS_AUTHORIZATION' },
  {
    name: 'reserving more than is left',
    given: history(workedExample(), reserve('dc-1', [['L1', 1]])),
    when: reserve('dc-2', [['L1', 2]]),
    code: 'RESERVE_QUANTITY_EXCEEDS_REMAINING',
    details: { unreserved: 1 },
  },
  {
    name: 'releasing what another location holds',
    given: history(workedExample(), reserve('dc-1', [['L1', 2]])),
    when: release('dc-2', [['L1', 1]]),
    code: 'RELEASE_QUANTITY_EXCEEDS_RESERVED',
  },
  {
    name: 'releasing a reservation the shipment used up',
    given: history(workedExample(), reserve('dc-1', [['L1', 2]]), ship('s1', [['L1', 2]])),
    when: release('dc-1', [['L1', 1]]),
    code: 'RELEASE_QUANTITY_EXCEEDS_RESERVED',
  },
  { name: 'shipping a pickup order', given: pickupOrder, when: ship('s1', [['L1', 1]]), code: 'FULFILLMENT_TYPE_MISMATCH' },
  { name: 'confirming pickup of a shipped order', given: placed, when: pickup(), code: 'FULFILLMENT_TYPE_MISMATCH' },
  { name: 'a shipment id used twice', given: history(workedExample(), ship('s1', [['L1', 1]])), when: ship('s1', [['L1', 1]]), code: 'SHIPMENT_ALREADY_RECORDED' },
  { name: 'shipping more than ordered', given: placed, when: ship('s1', [['L1', 3]]), code: 'SHIP_QUANTITY_EXCEEDS_REMAINING', details: { remaining: 2 } },
  {
    name: 'shipping more than ordered minus shipped',
    given: history(workedExample(), ship('s1', [['L1', 1]])),
    when: ship('s2', [['L1', 2]]),
    code: 'SHIP_QUANTITY_EXCEEDS_REMAINING',
    details: { remaining: 1 },
  },
  {
    name: 'a second pickup',
    given: history(workedExample({ fulfillment: { type: 'pickup', locationId: 'store-12' } }), pickup()),
    when: pickup('pick-2'),
    code: 'NOTHING_LEFT_TO_PICK_UP',
  },
  { name: 'cancelling after a shipment', given: history(workedExample(), ship('s1', [['L1', 1]])), when: cancel(), code: 'ORDER_ALREADY_FULFILLED' },
  {
    name: 'cancelling after pickup',
    given: history(workedExample({ fulfillment: { type: 'pickup', locationId: 'store-12' } }), pickup()),
    when: cancel(),
    code: 'ORDER_ALREADY_FULFILLED',
  },
  {
    name: 'a return id used twice',
    given: history(workedExample(), ship('s1', [['L1', 2]]), requestReturn('r1', [['L1', 1]])),
    when: requestReturn('r1', [['L1', 1]]),
    code: 'RETURN_ALREADY_RECORDED',
  },
  {
    name: 'returning an unshipped unit',
    given: history(workedExample(), ship('s1', [['L1', 1]])),
    when: requestReturn('r1', [['L1', 2]]),
    code: 'RETURN_QUANTITY_EXCEEDS_SHIPPED',
    details: { returnable: 1 },
  },
  {
    name: 'returning a unit already requested',
    given: history(workedExample(), ship('s1', [['L1', 2]]), requestReturn('r1', [['L1', 2]])),
    when: requestReturn('r2', [['L1', 1]]),
    code: 'RETURN_QUANTITY_EXCEEDS_SHIPPED',
    details: { returnable: 0 },
  },
  {
    name: 'returning a unit already returned',
    given: history(workedExample(), ship('s1', [['L2', 1]]), requestReturn('r1', [['L2', 1]]), receiveReturn('r1')),
    when: requestReturn('r2', [['L2', 1]]),
    code: 'RETURN_QUANTITY_EXCEEDS_SHIPPED',
  },
  { name: 'receiving an unknown return', given: shippedAll, when: receiveReturn('r9'), code: 'UNKNOWN_RETURN' },
  { name: 'refunding against an unknown return', given: history(workedExample(), authorize(10519), capture(10519)), when: refund(100, 'ref-1', 'r9'), code: 'UNKNOWN_RETURN' },
  {
    name: 'receiving a return twice',
    given: history(workedExample(), ship('s1', [['L1', 2]]), requestReturn('r1', [['L1', 1]]), receiveReturn('r1')),
    when: receiveReturn('r1'),
    code: 'RETURN_ALREADY_RECEIVED',
  },
  {
    name: 'receiving more than requested',
    given: history(workedExample(), ship('s1', [['L1', 2]]), requestReturn('r1', [['L1', 1]])),
    when: receiveReturn('r1', [['L1', 2]]),
    code: 'RECEIVE_QUANTITY_EXCEEDS_REQUESTED',
  },
  {
    name: 'receiving a line the return did not ask for',
    given: history(
      workedExample(),
      ship('s1', [
        ['L1', 2],
        ['L2', 1],
      ]),
      requestReturn('r1', [['L1', 1]]),
    ),
    when: receiveReturn('r1', [['L2', 1]]),
    code: 'RECEIVE_QUANTITY_EXCEEDS_REQUESTED',
    details: { requested: 0 },
  },
  { name: 'a refund id used twice', given: history(workedExample(), authorize(10519), capture(10519), refund(100)), when: refund(100), code: 'REFUND_ALREADY_RECORDED' },
  { name: 'refunding with nothing captured', given: history(workedExample(), authorize(10519)), when: refund(1), code: 'REFUND_EXCEEDS_CAPTURED', details: { refundableMinor: 0 } },
  {
    name: 'refunding more than captured minus refunded',
    given: history(workedExample(), authorize(10519), capture(10519), refund(10000)),
    when: refund(520, 'ref-2'),
    code: 'REFUND_EXCEEDS_CAPTURED',
    details: { refundableMinor: 519 },
  },
];

describe('order refusals: each rule refuses with its own code', () => {
  const covered = new Set<string>();
  for (const c of cases) {
    it(`${c.code}: ${c.name}`, () => {
      spec.given(c.given).when(c.when).thenRefuses(c.code, c.details);
      covered.add(c.code);
    });
  }

  // Runs last: tests in a describe run in order.
  it('has a spec for every refusal code the order aggregate declares', () => {
    const missing = ORDER_REFUSAL_CODES.filter((code) => !covered.has(code));
    assert.deepEqual(missing, [], `refusal codes without a spec: ${missing.join(', ')}`);
  });
});
