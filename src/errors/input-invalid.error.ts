import type { FieldError } from './api-error';

/** The request's content breaks its contract (400 / INVALID_ARGUMENT); lists every bad field. */
export class InputInvalidError extends Error {
  override readonly name = 'InputInvalidError';
  constructor(readonly fields: FieldError[]) {
    super(`invalid input: ${fields.map((f) => `${f.path}: ${f.reason}`).join('; ')}`);
  }
}
