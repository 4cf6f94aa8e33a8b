export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up';

/** numerator / denominator rounded to an integer; `down`/`up` are toward/away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = n / denominator;
  const remainder = n % denominator;
  let rounded = quotient;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    switch (mode) {
      case 'down':
        break;
      case 'up':
        rounded += 1n;
        break;
      case 'half-up':
        if (twice >= denominator) rounded += 1n;
        break;
      case 'half-even':
        if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) rounded += 1n;
        break;
    }
  }
  return negative ? -rounded : rounded;
}
