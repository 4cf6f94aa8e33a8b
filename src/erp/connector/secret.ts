import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential from the settings. JSON, string conversion and util.inspect (so pino and any
 * error message built from it) show `[redacted]`; only `reveal()`, where a request is signed or
 * sent, gives the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
