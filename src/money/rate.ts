import { divideRounded, type RoundingMode } from './rounding';

/** An exact rate such as 8.25 % (a tax rate, a discount percentage, a fee), never a float. */
export interface Rate {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Parses a decimal fraction (`"0.0825"`) or a percentage (`"8.25%"`) exactly. */
export function rate(text: string): Rate {
  const match = /^(\d+)(?:\.(\d+))?(%?)$/.exec(text.trim());
  if (!match) throw new RangeError(`${JSON.stringify(text)} is not a rate such as "0.08" or "8%"`);
  const [, whole, fraction = '', percent] = match;
  const scale = 10n ** BigInt(fraction.length) * (percent ? 100n : 1n);
  return { numerator: BigInt(whole + fraction), denominator: scale };
}

/** `amountMinor` x rate, rounded to a whole minor unit (half-even unless a rule says otherwise). */
export function applyRate(amountMinor: number, r: Rate, mode: RoundingMode = 'half-even'): number {
  return Number(divideRounded(BigInt(amountMinor) * r.numerator, r.denominator, mode));
}

/** The tax inside a tax-included (gross) amount: gross x r / (1 + r), rounded. */
export function includedTax(grossMinor: number, r: Rate, mode: RoundingMode = 'half-even'): number {
  return Number(divideRounded(BigInt(grossMinor) * r.numerator, r.denominator + r.numerator, mode));
}
