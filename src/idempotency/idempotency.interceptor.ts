import { Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { catchError, concatMap, finalize, from, map, mergeMap, type Observable, of, throwError } from 'rxjs';
import { edgeRequestOf, type EdgeRequest } from '../transport/edge-request';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { toApiError } from '../errors/error-mapping';
import { refuseUnwalkableInput } from '../errors/input-depth';
import { InputInvalidError } from '../errors/input-invalid.error';
import { canonicalHash } from '../hashing/canonical-json';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import { IDEMPOTENT } from './idempotent.decorator';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, ReplayedRefusal } from './idempotency.errors';
import { IDEMPOTENCY_KEYS, type IdempotencyKeys } from './idempotency-keys.port';
import type { KeyClaim, StoredAnswer } from './stored-answer';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Honours Idempotency-Key on handlers marked @Idempotent(): claims the key, runs the handler
 * once, keeps its answer, and answers retries from the store. Only answers the application
 * decided are kept (success, business refusal, unknown entity); a crash, 5xx or 429 frees the
 * key so the retry runs for real. The answer is kept before it is sent, so a retry sent on
 * receipt, to any node, finds it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_KEYS) private readonly keys: IdempotencyKeys,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const request = edgeRequestOf(context);
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next.handle();
    if (!ACCEPTABLE_KEY.test(key)) {
      return throwError(() => new InputInvalidError([{ path: 'Idempotency-Key', reason: 'must be 1 to 255 printable ASCII characters' }]));
    }
    const principal = request.state.principal?.name ?? 'anonymous';
    request.state.idempotencyKey = key;
    // The fingerprint walks the body recursively, and the validation pipe that bounds its depth runs after this.
    try {
      refuseUnwalkableInput(request.body, 'body');
    } catch (error) {
      return throwError(() => error);
    }
    const fingerprint = canonicalHash({ method: request.method, route: request.route, principal, body: request.body ?? null });
    return from(this.keys.claim(principal, key, fingerprint)).pipe(mergeMap((claim) => this.answerFor(claim, context, request, next, principal, key)));
  }

  private answerFor(claim: KeyClaim, context: ExecutionContext, request: EdgeRequest, next: CallHandler, principal: string, key: string): Observable<unknown> {
    switch (claim.outcome) {
      case 'reused':
        return throwError(() => new IdempotencyKeyReusedError());
      case 'in-flight':
        return throwError(() => new IdempotencyKeyInFlightError());
      case 'answered': {
        const answer = claim.answer;
        if (answer.kind === 'refused') return throwError(() => new ReplayedRefusal(answer.error));
        markReplayed(context, request);
        return of(answer.body);
      }
      case 'claimed':
        return this.runOnce(context, next, principal, key);
    }
  }

  private runOnce(context: ExecutionContext, next: CallHandler, principal: string, key: string): Observable<unknown> {
    let answered = false;
    return next.handle().pipe(
      concatMap((body: unknown) => {
        answered = true;
        return from(this.keep(principal, key, { kind: 'ok', status: this.successStatus(context), body: body ?? null })).pipe(map(() => body));
      }),
      catchError((error: unknown) => {
        if (!(error instanceof BusinessRuleRefusal || error instanceof EntityNotFoundError)) return throwError(() => error);
        answered = true;
        return from(this.keep(principal, key, { kind: 'refused', error: toApiError(error) })).pipe(mergeMap(() => throwError(() => error)));
      }),
      finalize(() => {
        if (!answered) {
          this.keys
            .release(principal, key)
            .catch((error: unknown) => this.logger.warn(`Idempotency-Key not released (a retry runs once its claim times out): ${(error as Error)?.message}`));
        }
      }),
    );
  }

  /**
   * The request was decided whether or not its answer can be kept: the client gets it either
   * way. A retry then finds the key in flight, takes it over once the claim times out, and is
   * answered by the aggregate from the same command id.
   */
  private async keep(principal: string, key: string, answer: StoredAnswer): Promise<void> {
    try {
      await this.keys.answer(principal, key, answer);
    } catch (error) {
      this.logger.warn(`Idempotency-Key answer not kept: ${(error as Error)?.message}`);
    }
  }

  /** Nest sets the route's status before the handler runs (and the handler may change it). */
  private successStatus(context: ExecutionContext): number {
    return context.getType() === 'rpc' ? 200 : context.switchToHttp().getResponse<FastifyReply>().statusCode;
  }
}

/** Tells the client this is a stored answer: HTTP header or gRPC response metadata. */
function markReplayed(context: ExecutionContext, request: EdgeRequest): void {
  if (request.transport === 'http') {
    context.getArgByIndex<FastifyReply>(1).header(REPLAYED_HEADER, 'true');
  } else {
    const call = context.getArgByIndex<ServerUnaryCall<unknown, unknown>>(2);
    const metadata = new Metadata();
    metadata.set(REPLAYED_HEADER, 'true');
    call.sendMetadata(metadata);
  }
}
