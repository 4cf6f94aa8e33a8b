import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown>; example?: unknown; examples?: unknown }>;
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  security?: unknown[];
};

const ERROR_BODY = 'ApiErrorBody';

/** One error answer as the client gets it, for the examples. */
const errorExample = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { status, code, message, ...extra, correlationId: '6d0f2c52-9f4e-4a41-8a4b-3f2d8a0c1e77' },
});

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 1 } } };

/**
 * The error answers every route may give (README "Errors"), added to each operation that does not
 * document the status itself, with the one error body and an example: invalid input (400) where
 * the route reads input, no or unknown key (401), missing scope (403) and rate limit (429) where
 * a key is needed, unknown entity (404) where the path names one, conflicts and refusals (409,
 * 422) on writes, the store or a read model not available (503), and the rest (500).
 */
function errorAnswers(operation: Operation, method: string): Record<string, { description: string; example: unknown; headers?: Record<string, unknown> }> {
  const keyed = (operation.security?.length ?? 0) > 0;
  const reads = operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query');
  const names = (operation.parameters ?? []).some((p) => p.in === 'path');
  const writes = method === 'post';
  return {
    ...(reads && {
      400: {
        description: 'Invalid input, every field named by its path and why (`VALIDATION_FAILED`); also a body that is not JSON (`MALFORMED_BODY`)',
        example: errorExample(400, 'VALIDATION_FAILED', 'the request is invalid', { fields: [{ path: 'lines[0].quantity', reason: 'quantity must not be less than 1' }] }),
      },
    }),
    ...(keyed && {
      401: { description: 'No API key, or one that is not configured', example: errorExample(401, 'UNAUTHENTICATED', 'a valid API key is required (Authorization: Bearer lbk_... or x-api-key)') },
      403: { description: 'The key lacks the scope this route needs, or acts for another channel', example: errorExample(403, 'PERMISSION_DENIED', 'this key may not do that', { details: { requiredScope: 'finance:read' } }) },
    }),
    ...(names && { 404: { description: 'The entity the path names is unknown', example: errorExample(404, 'NOT_FOUND', 'order o-1001 not found', { details: { entity: 'order', id: 'o-1001' } }) } }),
    ...(writes && {
      409: {
        description: 'This Idempotency-Key is still in flight, the entity changed concurrently (retry), or it is not in a state for the request',
        example: errorExample(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still being handled; retry later'),
      },
      422: {
        description: "A business rule refused the command (its code, with details; nothing was written), or the Idempotency-Key was used for another request",
        example: errorExample(422, 'CAPTURE_EXCEEDS_AUTHORIZATION', 'capture of 20000 exceeds the 10519 left on the authorizations', { details: { requestedMinor: 20000, availableMinor: 10519 } }),
      },
    }),
    ...(keyed && { 429: { description: "The key's rate limit (or the entity's mailbox) is full: try again after Retry-After", example: errorExample(429, 'RATE_LIMITED', 'too many requests for this API key'), headers: RETRY_AFTER } }),
    503: { description: 'The event store does not answer, or the read model is not ready yet: try again', example: errorExample(503, 'UNAVAILABLE', 'the event store is unavailable; retry later') },
    500: { description: 'Anything else: logged with the correlation id, which the answer gives', example: errorExample(500, 'INTERNAL', 'internal error; quote the correlation id when reporting it') },
  };
}

/** Examples of path parameters by name, for routes whose parameter does not give its own. */
const PATH_EXAMPLES: Record<string, string> = {
  orderId: 'o-1001',
  authorizationId: 'auth-1',
  returnId: 'r-1',
  id: 'save10',
  provider: 'stripe',
  payoutId: 'po_1QxY2026113001',
  storeId: 'store-7',
  registerId: 'reg-2',
  businessDate: '2026-11-27',
  giftCardId: 'gc-77',
  batchId: 'US01-2026-11-28-1',
  format: 'sap',
  saga: 'fulfillment',
  instanceId: 'o-1001',
  name: 'journal',
  companyCode: 'US01',
  target: 'sap',
};

/**
 * Completes the document built from the decorators: every path parameter listed (with an
 * example), and the error answers with the one error body (schema `ApiErrorBody`).
 */
export function describeAnswers(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_BODY] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['status', 'code', 'message', 'correlationId'],
        properties: {
          status: { type: 'integer', description: 'The HTTP status again' },
          code: { type: 'string', description: 'Stable, machine-readable reason: VALIDATION_FAILED, a business rule’s code, NOT_FOUND, RATE_LIMITED ...' },
          message: { type: 'string' },
          fields: { type: 'array', description: 'Invalid input: each field by its path and why', items: { type: 'object', properties: { path: { type: 'string' }, reason: { type: 'string' } } } },
          details: { type: 'object', additionalProperties: true },
          correlationId: { type: 'string', description: 'Also in the x-correlation-id header; quote it when reporting a problem' },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      listPathParameters(path, operation);
      for (const [status, answer] of Object.entries(errorAnswers(operation, method))) {
        const documented = operation.responses[status];
        if (documented?.content) continue;
        operation.responses[status] = {
          description: documented?.description ?? answer.description,
          ...(answer.headers && { headers: answer.headers }),
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY}` }, example: answer.example } },
        };
      }
    }
  }
}

function listPathParameters(path: string, operation: Operation): void {
  operation.parameters ??= [];
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    let parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    if (!parameter) {
      parameter = { name, in: 'path', required: true, schema: { type: 'string' } };
      operation.parameters.push(parameter);
    }
    const documented = parameter.example ?? parameter.examples ?? (parameter.schema as { example?: unknown } | undefined)?.example;
    if (documented === undefined && PATH_EXAMPLES[name] !== undefined) parameter.example = PATH_EXAMPLES[name];
  }
}
