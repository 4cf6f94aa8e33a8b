import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { ReturnReceived } from '../../src/order/order.events';
import { deciderSpec } from '../support/decider-spec';
import { at, history, receiveReturn, requestReturn, ship, workedExample } from './order.fixtures';

const spec = deciderSpec(orderAggregate.decider);
const save10 = { promotionId: 'promo-save10', code: 'SAVE10', funding: 'retailer' as const };
const vend5 = { promotionId: 'promo-vend5', code: 'VEND5', funding: { vendorId: 'acme' } };
const shipped = () =>
  [
    workedExample(),
    ship('s1', [
      ['L1', 2],
      ['L2', 1],
    ]),
  ] as const;
const received = (...commands: Parameters<typeof history>): ReturnReceived['data'] => {
  const given = history(...commands.slice(0, -1));
  const [event] = spec
    .given(given)
    .when(commands[commands.length - 1])
    .events();
  return (event as ReturnReceived).data;
};

describe('returns', () => {
  it('requests a return of shipped units', () => {
    spec
      .given(history(...shipped()))
      .when(requestReturn('r1', [['L1', 1]]))
      .then([{ type: 'ReturnRequested', data: { returnId: 'r1', lines: [{ lineId: 'L1', quantity: 1 }], at } }]);
  });

  it('receives 1 of 2 units of the first line as DESIGN’s worked example: revenue 30.00, tax 2.17, retailer discount 2.86, refund payable 29.31', () => {
    spec
      .given(history(...shipped(), requestReturn('r1', [['L1', 1]])))
      .when(receiveReturn('r1'))
      .then([
        {
          type: 'ReturnReceived',
          data: {
            returnId: 'r1',
            at,
            amounts: {
              currency: 'USD',
              companyCode: 'US01',
              lines: [
                {
                  lineId: 'L1',
                  sku: 'TEE-RED-M',
                  firstUnit: 0,
                  quantity: 1,
                  revenueMinor: 3000,
                  discounts: [{ ...save10, amountMinor: 286 }],
                  taxes: [{ rate: '8%', amountMinor: 217, channelRemitted: false }],
                },
              ],
              shipping: [],
              totals: {
                revenueMinor: 3000,
                discountMinor: 286,
                discounts: [
                  { ...save10, amountMinor: 286 },
                  { ...vend5, amountMinor: 0 },
                ],
                taxMinor: 217,
                channelRemittedTaxMinor: 0,
                shippingMinor: 0,
                shippingTaxMinor: 0,
                totalMinor: 2931,
              },
            },
          },
        },
      ]);
  });

  it('gives the next returned unit what the first left, so both returns together give back the whole line', () => {
    const second = received(...shipped(), requestReturn('r1', [['L1', 1]]), receiveReturn('r1'), requestReturn('r2', [['L1', 1]]), receiveReturn('r2'));
    assert.deepEqual(second.amounts.lines[0].firstUnit, 1);
    assert.deepEqual([second.amounts.totals.discountMinor, second.amounts.totals.taxMinor, second.amounts.totals.totalMinor], [285, 217, 2932]);
    assert.equal(2931 + second.amounts.totals.totalMinor, 6000 - 571 + 434);
  });

  it('reverses a vendor-funded discount with the returned line, so the claim on Acme can be reversed', () => {
    const back = received(...shipped(), requestReturn('r1', [['L2', 1]]), receiveReturn('r1'));
    assert.deepEqual(back.amounts.totals.discounts, [
      { ...save10, amountMinor: 429 },
      { ...vend5, amountMinor: 500 },
    ]);
    assert.equal(back.amounts.totals.totalMinor, 4500 - 929 + 286);
  });

  it('receives fewer units than requested and closes the rest, which may then be requested again', () => {
    const given = [...shipped(), requestReturn('r1', [['L1', 2]])] as const;
    const partial = received(...given, receiveReturn('r1', [['L1', 1]]));
    assert.equal(partial.amounts.totals.totalMinor, 2931);
    spec
      .given(history(...given, receiveReturn('r1', [['L1', 1]])))
      .when(requestReturn('r2', [['L1', 1]]))
      .then([{ type: 'ReturnRequested', data: { returnId: 'r2', lines: [{ lineId: 'L1', quantity: 1 }], at } }]);
  });
});
