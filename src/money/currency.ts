/** An ISO 4217 alphabetic code such as `EUR`, known to be valid. */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

// Validity comes from the runtime's ICU list of ISO 4217 codes; the exponent does not, because
// ICU reports "practical" digits (HUF 0, IDR 0) where ISO 4217, and so every ERP, says 2.
const KNOWN = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 minor-unit exponents other than 2. */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && KNOWN.has(value);
}

export function currencyCode(value: string): CurrencyCode {
  if (!isCurrencyCode(value)) throw new RangeError(`${JSON.stringify(value)} is not an ISO 4217 currency code`);
  return value;
}

/** Digits after the decimal point in the currency's minor unit (EUR 2, JPY 0, KWD 3). */
export function minorUnitExponent(currency: CurrencyCode): number {
  return EXPONENTS[currency] ?? 2;
}
