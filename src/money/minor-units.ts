/**
 * The one bound on every amount, given or derived (a line's price times its quantity, an
 * over/short, a payout's net total): whole minor units within ±10^12. Far above any real
 * amount (10 billion dollars), far below 2^53, so the sums over a request's bounded lists
 * (README "Limits") stay exact in floating point.
 */
export const MAX_MINOR_UNITS = 1_000_000_000_000;

/** A whole number of minor units from `min` (-10^12 unless narrower) up to 10^12. */
export function isMinorUnits(value: unknown, min = -MAX_MINOR_UNITS): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= Math.max(min, -MAX_MINOR_UNITS) && value <= MAX_MINOR_UNITS;
}
