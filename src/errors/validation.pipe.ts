import { ValidationPipe } from '@nestjs/common';
import { fieldErrors } from './field-errors';
import { InputInvalidError } from './input-invalid.error';

/**
 * The one validation of every HTTP body and gRPC message: unknown fields are refused rather
 * than silently dropped, so a client's typo surfaces instead of losing data.
 */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputInvalidError(fieldErrors(errors)),
  });
}
