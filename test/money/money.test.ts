import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { add, allocate, applyRate, currencyCode, divideRounded, includedTax, minorUnitExponent, minorUnitsFromDecimal, money, perUnitShares, rate } from '../../src/money';

describe('allocation by largest remainder', () => {
  it('splits the worked example SAVE10 over lines of 60.00 and 45.00 as 5.71 / 4.29', () => {
    assert.deepEqual(allocate(1000, [6000, 4500]), [571, 429]);
  });

  it('gives leftover cents to the largest remainders, ties to the lower index', () => {
    assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(allocate(2, [1, 1, 1]), [1, 1, 0]);
    assert.deepEqual(allocate(10, [3, 3, 4]), [3, 3, 4]);
  });

  it('splits a line’s discount per unit so the first returned unit takes the larger share', () => {
    assert.deepEqual(perUnitShares(571, 2), [286, 285]);
    assert.deepEqual(perUnitShares(434, 2), [217, 217]);
  });

  it('shares equally when every weight is zero, and mirrors negative totals', () => {
    assert.deepEqual(allocate(5, [0, 0]), [3, 2]);
    assert.deepEqual(allocate(-5, [1, 1]), [-3, -2]);
  });

  it('refuses fractional totals, negative weights and no parts', () => {
    assert.throws(() => allocate(1.5, [1]), /integer/);
    assert.throws(() => allocate(10, [1, -1]), /non-negative/);
    assert.throws(() => allocate(10, []), /no parts/);
  });

  it('always sums exactly, never goes negative, and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 40 }), (total, weights) => {
        const parts = allocate(total, weights);
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          total,
        );
        assert.ok(parts.every((p) => p >= 0));
        const sumOfWeights = weights.reduce((a, b) => a + b, 0);
        if (sumOfWeights > 0) {
          parts.forEach((part, i) => assert.ok(Math.abs(part - (total * weights[i]) / sumOfWeights) < 1 + 1e-6));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rates and rounding', () => {
  it('computes the worked example tax and card fee to the cent', () => {
    assert.equal(applyRate(5429, rate('8%')), 434);
    assert.equal(applyRate(3571, rate('0.08')), 286);
    assert.equal(applyRate(10519, rate('2.9%')) + 30, 335);
  });

  it('rounds half to even by default, and as asked otherwise', () => {
    assert.equal(divideRounded(25n, 10n, 'half-even'), 2n);
    assert.equal(divideRounded(35n, 10n, 'half-even'), 4n);
    assert.equal(divideRounded(25n, 10n, 'half-up'), 3n);
    assert.equal(divideRounded(-25n, 10n, 'half-up'), -3n);
    assert.equal(divideRounded(29n, 10n, 'down'), 2n);
    assert.equal(divideRounded(21n, 10n, 'up'), 3n);
  });

  it('finds the tax inside a tax-included price (VAT)', () => {
    assert.equal(includedTax(12000, rate('20%')), 2000);
    assert.equal(includedTax(999, rate('19%')), 160);
  });

  it('refuses rates it cannot read exactly', () => {
    assert.throws(() => rate('eight'), /not a rate/);
    assert.throws(() => rate('-5%'), /not a rate/);
  });
});

describe('money', () => {
  it('knows ISO 4217 minor units, including the ones ICU rounds differently', () => {
    assert.equal(minorUnitExponent(currencyCode('EUR')), 2);
    assert.equal(minorUnitExponent(currencyCode('JPY')), 0);
    assert.equal(minorUnitExponent(currencyCode('KWD')), 3);
    assert.equal(minorUnitExponent(currencyCode('HUF')), 2);
  });

  it('refuses unknown currencies, fractional amounts and mixing currencies', () => {
    assert.throws(() => money(100, 'EURO'), /ISO 4217/);
    assert.throws(() => money(100, 'XYZ'), /ISO 4217/);
    assert.throws(() => money(1.5, 'EUR'), /integer/);
    assert.throws(() => add(money(1, 'EUR'), money(1, 'USD')), /EUR with USD/);
  });
});

describe('decimal amounts from channels', () => {
  const eur = currencyCode('EUR');
  it('reads decimal strings exactly into minor units of the currency', () => {
    assert.equal(minorUnitsFromDecimal('199.00', eur), 19900);
    assert.equal(minorUnitsFromDecimal('5.0', eur), 500);
    assert.equal(minorUnitsFromDecimal('7', eur), 700);
    assert.equal(minorUnitsFromDecimal('-2.5', eur), -250);
    assert.equal(minorUnitsFromDecimal('1500', currencyCode('JPY')), 1500);
    assert.equal(minorUnitsFromDecimal('1.234', currencyCode('KWD')), 1234);
    assert.equal(minorUnitsFromDecimal('0.10000', eur), 10);
  });

  it('refuses amounts it would have to round, and text that is not an amount', () => {
    assert.throws(() => minorUnitsFromDecimal('1.005', eur), /more decimals than EUR allows/);
    assert.throws(() => minorUnitsFromDecimal('10.5', currencyCode('JPY')), /more decimals/);
    assert.throws(() => minorUnitsFromDecimal('1e3', eur), /not a decimal amount/);
    assert.throws(() => minorUnitsFromDecimal('', eur), /not a decimal amount/);
  });
});
