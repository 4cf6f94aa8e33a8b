import { Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { catchError, finalize, type Observable, of, tap, throwError } from 'rxjs';
import { edgeRequestOf, type EdgeRequest } from '../transport/edge-request';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { toApiError } from '../errors/error-mapping';
import { refuseDeepInput } from '../errors/input-depth';
import { InputInvalidError } from '../errors/input-invalid.error';
import { canonicalHash } from '../hashing/canonical-json';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import { IDEMPOTENT } from './idempotent.decorator';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, ReplayedRefusal } from './idempotency.errors';
import { IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Honours Idempotency-Key on handlers marked @Idempotent(): claims the key, runs the handler
 * once, keeps its answer, and answers retries from the store. Only answers the application
 * decided are kept (success, business refusal, unknown entity); a crash, 5xx or 429 frees the
 * key so the retry runs for real.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
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
      refuseDeepInput(request.body, 'body');
    } catch (error) {
      return throwError(() => error);
    }
    const fingerprint = canonicalHash({ method: request.method, route: request.route, principal, body: request.body ?? null });
    const claim = this.store.claim(principal, key, fingerprint);
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
      tap((body) => {
        this.store.answer(principal, key, { kind: 'ok', status: this.successStatus(context), body: body ?? null });
        answered = true;
      }),
      catchError((error: unknown) => {
        if (error instanceof BusinessRuleRefusal || error instanceof EntityNotFoundError) {
          this.store.answer(principal, key, { kind: 'refused', error: toApiError(error) });
          answered = true;
        }
        return throwError(() => error);
      }),
      finalize(() => {
        if (!answered) this.store.release(principal, key);
      }),
    );
  }

  /** Nest sets the route's status before the handler runs (and the handler may change it). */
  private successStatus(context: ExecutionContext): number {
    return context.getType() === 'rpc' ? 200 : context.switchToHttp().getResponse<FastifyReply>().statusCode;
  }
}

/** Tells the client this is a stored answer: HTTP header or gRPC response metadata. */
function markReplayed(context: ExecutionContext, request: EdgeRequest): void {
  if (request.transport === 'http') {
    (context.getArgByIndex(1) as FastifyReply).header(REPLAYED_HEADER, 'true');
  } else {
    const call = context.getArgByIndex(2) as ServerUnaryCall<unknown, unknown>;
    const metadata = new Metadata();
    metadata.set(REPLAYED_HEADER, 'true');
    call.sendMetadata(metadata);
  }
}
