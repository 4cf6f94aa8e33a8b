import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from '@nestjs/common/interfaces/external/validation-error.interface';
import type { ValidatorOptions } from '@nestjs/common/interfaces/external/validator-options.interface';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { refuseUndecodable } from '../transport/undecodable-message';
import { fieldErrors } from './field-errors';
import { boundsBroken } from './input-bounds';
import { refuseUnwalkableInput } from './input-depth';
import { passesEveryRule } from './valid-input-check';
import { InputInvalidError } from './input-invalid.error';
import { inputInstances } from './input-instance';
import { stripProtoKeys } from './proto-keys';
import { cacheValidationMetadata } from './validation-metadata-cache';

/**
 * The one validation of every HTTP body and gRPC message: unknown fields are refused rather
 * than silently dropped, so a client's typo surfaces instead of losing data.
 */
export function inputValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformerPackage: inputInstances,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputInvalidError(fieldErrors(errors)),
  });
}

/**
 * An input this large (values walked: a payout of 2,000 transactions is ~20,000) is transformed and
 * validated in turns of the event loop of their own: done at once with its parsing and its
 * command, it held the requests behind it for over 100 ms.
 */
const LARGE_INPUT_VALUES = 2_000;
/** A list this long at the top of a request shape marks it as large when it is validated. */
const LARGE_LIST = 100;

class DepthBoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isClientInput(metadata)) return super.transform(value, metadata);
    // The access guard refused this already on every method but the public ones.
    refuseUndecodable(value);
    // A request shape is an object: an array or a scalar body is refused as such, not transformed element by element.
    if (metadata.type === 'body' && this.toValidate(metadata) && (value === null || typeof value !== 'object' || Array.isArray(value)))
      throw new InputInvalidError([{ path: 'body', reason: 'must be a JSON object' }]);
    // Before anything walks the whole input: a list over its bound is refused for its length alone.
    const broken = metadata.metatype ? boundsBroken(value, metadata.metatype) : [];
    if (broken.length > 0) throw new InputInvalidError(broken);
    if (refuseUnwalkableInput(value, metadata.data ?? 'body') > LARGE_INPUT_VALUES) await nextTurn();
    return super.transform(value, metadata);
  }

  /** class-validator's pass over a large input gets a turn of its own, apart from class-transformer's. */
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    if (Object.values(object).some((field) => Array.isArray(field) && field.length >= LARGE_LIST)) await nextTurn();
    // Valid input is told apart by the same rules without class-validator's error tree; any other goes through it for its errors.
    if (passesEveryRule(object, options)) return [];
    return super.validate(object, options);
  }

  /**
   * Nest looks through every nested object of the input for a binary value (a Buffer, a typed
   * array) where a class is expected. No input of ours can hold one: JSON has none, and no field of
   * our protos is `bytes` (test/architecture/proto-fields.test.ts keeps it so). The walk cost
   * ~16 ms per 2,000 payout transactions, and as much again in garbage.
   */
  protected override findNestedBinaryValues(): [] {
    return [];
  }

  /**
   * Nest closes the gaps of sparse arrays (a multipart or `qs` body can hold them) by walking the
   * whole input and listing every array's keys, on every request. No input of ours can hold a gap:
   * bodies are JSON (JSON.parse), queries fastify's querystring parser, gRPC messages
   * proto-loader's; each builds its arrays item by item. The walk was ~1% of the main thread's time
   * per new order.
   */
  protected override closeArrayGaps(): void {}

  /** Nest's walk, without its generic checks on every object of parsed input (proto-keys.ts). */
  protected override stripProtoKeys(value: unknown): void {
    stripProtoKeys(value);
  }
}

/**
 * What the client sent: an HTTP body, query or path, or a gRPC message. Not the gRPC call
 * metadata and call object Nest hands a handler without `@Payload()`: the server built those,
 * and a call with a deadline holds timers linked far deeper than any limit.
 */
function isClientInput({ type }: ArgumentMetadata): boolean {
  return type === 'body' || type === 'query' || type === 'param' || (type as unknown) === RpcParamtype.PAYLOAD;
}
