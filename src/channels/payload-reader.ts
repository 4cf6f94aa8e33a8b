import { type CurrencyCode, minorUnitsFromDecimal } from '../money';

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

/** Typed, path-aware reads over an untrusted parsed JSON payload. */
export class PayloadReader {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  field(name: string): PayloadReader {
    const object = this.object();
    return new PayloadReader(object[name], this.path ? `${this.path}.${name}` : name);
  }

  has(name: string): boolean {
    const object = this.object();
    return object[name] !== undefined && object[name] !== null;
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

  /** Ids arrive as numbers or, beyond 2^53, as strings; either way an exact string. */
  id(): string {
    if (typeof this.value === 'number' && Number.isSafeInteger(this.value)) return String(this.value);
    if (typeof this.value === 'string' && /^[A-Za-z0-9_.:\-/]{1,128}$/.test(this.value)) return this.value;
    throw new ChannelPayloadError(this.path, 'must be an id');
  }

  positiveInteger(): number {
    if (typeof this.value === 'number' && Number.isSafeInteger(this.value) && this.value > 0) return this.value;
    throw new ChannelPayloadError(this.path, 'must be a positive integer');
  }

  boolean(): boolean {
    if (typeof this.value === 'boolean') return this.value;
    throw new ChannelPayloadError(this.path, 'must be true or false');
  }

  amount(currency: CurrencyCode): number {
    if (typeof this.value !== 'string') throw new ChannelPayloadError(this.path, 'must be a decimal amount as a string');
    try {
      return minorUnitsFromDecimal(this.value, currency);
    } catch (error) {
      throw new ChannelPayloadError(this.path, (error as Error).message);
    }
  }

  private object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      throw new ChannelPayloadError(this.path || 'body', 'must be an object');
    }
    return this.value as Record<string, unknown>;
  }
}
