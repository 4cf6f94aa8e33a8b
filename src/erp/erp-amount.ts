import { currencyCode, minorUnitExponent } from '../money';

/**
 * Minor units as the decimal text ERPs expect ("105.19", "-2.86", JPY "1200", KWD "1.250"),
 * placed by the currency's ISO 4217 exponent with string arithmetic: no float ever holds it.
 */
export function decimalText(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a whole number of minor units`);
  const exponent = minorUnitExponent(currencyCode(currency));
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = amountMinor < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
