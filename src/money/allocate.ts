/**
 * Splits `total` minor units in proportion to `weights` by largest remainder: each part gets
 * the floor of its exact share, and the units left over go one each to the largest remainders,
 * ties to the lower index. The parts always sum exactly to `total`, and with a non-negative
 * total no part is negative. Weights that are all zero share equally.
 *
 * This is the one rule for spreading a discount over lines (weights: pre-discount line
 * amounts) and a line's discount or tax over its units (equal weights).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`total ${total} is not an integer number of minor units`);
  if (weights.length === 0) throw new RangeError('cannot allocate over no parts');
  for (const w of weights) if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weight ${w} is not a non-negative integer`);
  if (total < 0) return allocate(-total, weights).map((part) => (part === 0 ? 0 : -part));

  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const sumOfWeights = effective.reduce((a, w) => a + BigInt(w), 0n);
  const big = BigInt(total);
  const parts = effective.map((w) => (big * BigInt(w)) / sumOfWeights);
  const remainders = effective.map((w, index) => ({ index, remainder: (big * BigInt(w)) % sumOfWeights }));
  let left = big - parts.reduce((a, p) => a + p, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/** A line amount's share per unit, for partial returns: returned units take shares from index 0 up. */
export function perUnitShares(lineAmountMinor: number, quantity: number): number[] {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`quantity ${quantity} is not a positive integer`);
  return allocate(lineAmountMinor, new Array<number>(quantity).fill(1));
}
