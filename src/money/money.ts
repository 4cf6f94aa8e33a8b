import { type CurrencyCode, currencyCode } from './currency';

/** An amount in integer minor units (cents for EUR, yen for JPY) of one currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount ${amountMinor} is not an integer number of minor units`);
  return { amountMinor, currency: currencyCode(currency) };
}

export function zero(currency: CurrencyCode): Money {
  return { amountMinor: 0, currency };
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce(add, zero(currency));
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(`cannot combine ${a.currency} with ${b.currency}`);
}
