import { type CurrencyCode, minorUnitExponent } from './currency';

/**
 * Reads a channel's decimal amount ("199.00", "5.0", "-2.5") into exact minor units of the
 * currency. Digits beyond the currency's minor unit must be zeros: "1.005" EUR is refused,
 * never rounded, because a channel that sends it has a bug finance must see.
 */
export function minorUnitsFromDecimal(text: string, currency: CurrencyCode): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`${JSON.stringify(text)} is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = minorUnitExponent(currency);
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new RangeError(`${text} has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${text} is too large`);
  return sign && minor !== 0n ? -Number(minor) : Number(minor);
}
