import { isLosslessNumber } from 'lossless-json';
import { type CurrencyCode, minorUnitsFromDecimal } from '../money';
import { INSTANT_RULE, utcInstantOf } from '../time/instant';

/** A channel payload field that is missing or malformed; `path` names it (`line_items[1].price`). */
export class ChannelPayloadError extends Error {
  override readonly name = 'ChannelPayloadError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A number exactly as the channel wrote it (parseChannelPayload keeps every number so), else undefined. */
function numberText(value: unknown): string | undefined {
  if (isLosslessNumber(value)) return (value as { value: string }).value;
  // Hand-built payloads (tests, the Admin API's Ruby stubs) may hold plain numbers; only whole ones are exact.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

const DIGITS = /^\d+$/;

/** Typed, path-aware reads over an untrusted parsed JSON payload. */
export class PayloadReader {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  field(name: string): PayloadReader {
    const object = this.object();
    return new PayloadReader(Object.hasOwn(object, name) ? object[name] : undefined, this.path ? `${this.path}.${name}` : name);
  }

  has(name: string): boolean {
    const object = this.object();
    return Object.hasOwn(object, name) && object[name] !== undefined && object[name] !== null;
  }

  items(): PayloadReader[] {
    if (!Array.isArray(this.value)) throw new ChannelPayloadError(this.path, 'must be a list');
    return this.value.map((item, i) => new PayloadReader(item, `${this.path}[${i}]`));
  }

  /** A list that may be absent. */
  optionalItems(): PayloadReader[] {
    return this.value === undefined || this.value === null ? [] : this.items();
  }

  string(): string {
    if (typeof this.value === 'string' && this.value.length > 0) return this.value;
    throw new ChannelPayloadError(this.path, 'must be a non-empty string');
  }

  /** A numeric id (Shopify's), as a number or a string of digits: never holds a separator, so ids composed from it stay apart. */
  numericId(): string {
    const digits = numberText(this.value) ?? (typeof this.value === 'string' ? this.value : undefined);
    if (digits !== undefined && DIGITS.test(digits) && digits.length <= 30) return digits;
    throw new ChannelPayloadError(this.path, 'must be a numeric id');
  }

  positiveInteger(): number {
    const digits = numberText(this.value);
    const value = digits !== undefined && DIGITS.test(digits) ? Number(digits) : NaN;
    if (Number.isSafeInteger(value) && value > 0) return value;
    throw new ChannelPayloadError(this.path, 'must be a positive integer');
  }

  /** A count or an index: 0 or more. */
  wholeNumber(): number {
    const digits = numberText(this.value);
    const value = digits !== undefined && DIGITS.test(digits) ? Number(digits) : NaN;
    if (Number.isSafeInteger(value)) return value;
    throw new ChannelPayloadError(this.path, 'must be a whole number');
  }

  boolean(): boolean {
    if (typeof this.value === 'boolean') return this.value;
    throw new ChannelPayloadError(this.path, 'must be true or false');
  }

  /**
   * An amount in the currency's minor units, exactly as written: a decimal string (`"25.00"`)
   * or a JSON number (`25.0`, `25`), never through floating point.
   */
  amount(currency: CurrencyCode): number {
    const text = typeof this.value === 'string' ? this.value : numberText(this.value);
    if (text === undefined) throw new ChannelPayloadError(this.path, 'must be a decimal amount');
    try {
      return minorUnitsFromDecimal(text, currency);
    } catch (error) {
      throw new ChannelPayloadError(this.path, (error as Error).message);
    }
  }

  /** A number or numeric string as written (a tax rate such as `0.06`). */
  decimalText(): string {
    const text = typeof this.value === 'string' ? this.value : numberText(this.value);
    if (text !== undefined && /^-?\d+(\.\d+)?$/.test(text)) return text;
    throw new ChannelPayloadError(this.path, 'must be a decimal number');
  }

  /** A business time under the one instant rule (src/time/instant.ts), in UTC with milliseconds. */
  instant(): string {
    const utc = utcInstantOf(this.value);
    if (utc === undefined) throw new ChannelPayloadError(this.path, `must be ${INSTANT_RULE}`);
    return utc;
  }

  private object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value) || isLosslessNumber(this.value)) {
      throw new ChannelPayloadError(this.path || 'body', 'must be an object');
    }
    return this.value as Record<string, unknown>;
  }
}
