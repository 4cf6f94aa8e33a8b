import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { refuseUndecodable } from '../transport/undecodable-message';
import { fieldErrors } from './field-errors';
import { boundsBroken } from './input-bounds';
import { InputInvalidError } from './input-invalid.error';

/**
 * Far deeper than any request shape: class-transformer walks input recursively, so a body
 * nested thousands of levels deep (a 1 MiB body holds ~500k) would overflow the stack and
 * answer 500 instead of 400.
 */
const MAX_INPUT_DEPTH = 32;

/**
 * The one validation of every HTTP body and gRPC message: unknown fields are refused rather
 * than silently dropped, so a client's typo surfaces instead of losing data.
 */
export function inputValidationPipe(): ValidationPipe {
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputInvalidError(fieldErrors(errors)),
  });
}

class DepthBoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isClientInput(metadata)) return super.transform(value, metadata);
    // The access guard refused this already on every method but the public ones.
    refuseUndecodable(value);
    // Before anything walks the whole input: a list over its bound is refused for its length alone.
    const broken = metadata.metatype ? boundsBroken(value, metadata.metatype) : [];
    if (broken.length > 0) throw new InputInvalidError(broken);
    if (nestedDeeperThan(value, MAX_INPUT_DEPTH)) {
      throw new InputInvalidError([{ path: metadata.data ?? 'body', reason: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels` }]);
    }
    return super.transform(value, metadata);
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

/** Iterative, so the check itself cannot overflow. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}
