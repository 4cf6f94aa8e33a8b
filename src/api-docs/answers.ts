import type { OpenAPIObject } from '@nestjs/swagger';
import { REQUIRED_SCOPES_EXTENSION } from '../access/access-requirements';

type Parameter = { name: string; in: string; required?: boolean; schema?: Record<string, unknown>; example?: unknown; examples?: unknown };
type Answer = { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> };
type Operation = {
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, Answer>;
  security?: unknown[];
  [REQUIRED_SCOPES_EXTENSION]?: string[];
};
type ErrorAnswer = { description: string; example: unknown; headers?: Record<string, unknown> };

export const ERROR_BODY = 'ApiErrorBody';

/** One error answer as the client gets it, for the examples. */
export const errorExample = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { status, code, message, ...extra, correlationId: '6d0f2c52-9f4e-4a41-8a4b-3f2d8a0c1e77' },
});

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 1 } } };

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
 * What a 404 names: the entity the service reports as not found (EntityNotFoundError's entity)
 * by the path parameter naming it, most specific first (or by the route's area), and the path
 * parameters its id is made of. A route whose path names nothing that can be missing (a register
 * close being made) has no 404.
 */
const NAMED_BY: Array<{ parameter: string; entity: string; area?: string; id?: string[] }> = [
  { parameter: 'id', entity: 'promotion', area: '/promotions/' },
  { parameter: 'id', entity: 'business error', area: '/channels/business-errors/' },
  { parameter: 'batchId', entity: 'posting batch' },
  { parameter: 'instanceId', entity: 'saga instance', id: ['saga', 'instanceId'] },
  { parameter: 'saga', entity: 'saga' },
  { parameter: 'payoutId', entity: 'payout', area: '/finance/', id: ['provider', 'payoutId'] },
  { parameter: 'payoutId', entity: 'settlement', area: '/settlements/', id: ['provider', 'payoutId'] },
  { parameter: 'payoutId', entity: 'payout', area: '/audit/', id: ['provider', 'payoutId'] },
  { parameter: 'businessDate', entity: 'register close', id: ['storeId', 'registerId', 'businessDate'] },
  { parameter: 'giftCardId', entity: 'gift card' },
  { parameter: 'orderId', entity: 'order' },
  { parameter: 'promotionId', entity: 'promotion' },
  { parameter: 'lineId', entity: 'journal line' },
  { parameter: 'entryId', entity: 'journal entry' },
  { parameter: 'streamId', entity: 'stream' },
  { parameter: 'companyCode', entity: 'posting batch chain', area: '/audit/' },
  { parameter: 'companyCode', entity: 'fiscal calendar', area: '/fiscal-calendars/' },
  { parameter: 'name', entity: 'projection' },
];

function notFound(path: string, operation: Operation): ErrorAnswer | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  const named = NAMED_BY.find(({ parameter, area }) => names.includes(parameter) && (area === undefined || path.startsWith(area)));
  if (!named) return undefined;
  const exampleOf = (name: string) => {
    const parameter = (operation.parameters ?? []).find((p) => p.in === 'path' && p.name === name);
    const example: unknown = parameter?.example ?? (parameter?.schema as { example?: unknown } | undefined)?.example ?? PATH_EXAMPLES[name];
    return typeof example === 'string' ? example : JSON.stringify(example);
  };
  const { entity } = named;
  const id = (named.id ?? [named.parameter]).map(exampleOf).join('/');
  return { description: `The ${entity} the path names is unknown`, example: errorExample(404, 'NOT_FOUND', `${entity} ${id} not found`, { details: { entity, id } }) };
}

/** A field error as the route would give it: an unknown field in a body or query (refused, never dropped), or a malformed path segment. */
function invalidInput(operation: Operation): ErrorAnswer {
  const inPath = (operation.parameters ?? []).find((p) => p.in === 'path');
  const onlyPath = operation.requestBody === undefined && !(operation.parameters ?? []).some((p) => p.in === 'query');
  const field =
    onlyPath && inPath
      ? { path: inPath.name, reason: `${inPath.name} must be 1-128 letters, digits or . _ : - /` }
      : { path: 'colour', reason: 'property colour should not exist' };
  return {
    description:
      operation.requestBody === undefined
        ? 'Invalid input, every field named by its path and why (`VALIDATION_FAILED`; unknown query fields are refused too)'
        : 'Invalid input, every field named by its path and why (`VALIDATION_FAILED`; unknown fields are refused too); a body that is not JSON (`MALFORMED_BODY`)',
    example: errorExample(400, 'VALIDATION_FAILED', 'the request is invalid', { fields: [field] }),
  };
}

/** The request body's (first) example, if the route documents one. */
function bodyExample(operation: Operation): Record<string, unknown> | undefined {
  const media = (operation.requestBody as { content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }> } | undefined)?.content?.[
    'application/json'
  ];
  const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  return example !== null && typeof example === 'object' ? (example as Record<string, unknown>) : undefined;
}

/**
 * The error answers a route gives (README "Errors"), each with the one error body and an
 * example: invalid input (400) where the route reads input; no or unknown key (401), missing
 * scope (403) and rate limit (429) where a key is needed; unknown entity (404) where the path
 * names one; the store or a read model not available (503) and the rest (500) everywhere.
 * A status the route documents itself (409, 415, 422 ...) keeps its description and gets the
 * body and an example from here when it gives none.
 */
function errorAnswers(path: string, operation: Operation): Record<string, ErrorAnswer> {
  const keyed = (operation.security?.length ?? 0) > 0;
  const scopes = operation[REQUIRED_SCOPES_EXTENSION];
  const reads = operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query');
  const missing = notFound(path, operation);
  // A channel write names its channel from the request: the example's.
  const exampleChannel = bodyExample(operation)?.channel;
  const channel = typeof exampleChannel === 'string' ? exampleChannel : 'web';
  const requiredScope = (scopes?.length ? scopes : ['channel:web:write']).map((scope) => scope.replace(/<[^>]+>/, channel)).join(' or ');
  return {
    ...(reads && { 400: invalidInput(operation) }),
    ...(keyed && {
      401: {
        description: 'No API key, or one that is not configured',
        example: errorExample(401, 'UNAUTHENTICATED', 'an API key is required: send Authorization: Bearer <key> or x-api-key'),
      },
    }),
    // A route any valid key may call (an empty list of scopes) has no 403.
    ...(keyed &&
      scopes?.length !== 0 && {
        403: {
          description: scopes?.length
            ? `The key holds none of the scopes this route takes: ${scopes.join(' or ')}`
            : 'The key lacks the scope this route needs (the description says which)',
          example: errorExample(403, 'PERMISSION_DENIED', `this API key lacks the scope ${requiredScope}`, { details: { requiredScope } }),
        },
      }),
    ...(missing && { 404: missing }),
    ...(keyed && {
      429: {
        description: "The key's rate limit (or the entity's mailbox) is full: try again after Retry-After",
        example: errorExample(429, 'RATE_LIMITED', 'too many requests for this API key'),
        headers: RETRY_AFTER,
      },
    }),
    503: {
      description: 'The event store does not answer, or the read model is not ready yet: try again after Retry-After',
      example: errorExample(503, 'UNAVAILABLE', 'the event store is unavailable; retry later'),
      headers: RETRY_AFTER,
    },
    500: {
      description: 'Anything else: logged with the correlation id, which the answer gives',
      example: errorExample(500, 'INTERNAL', 'internal error; quote the correlation id when reporting it'),
    },
  };
}

/** Bodies for statuses a route documents without one, by status. */
const DOCUMENTED_ONLY: Record<string, ErrorAnswer> = {
  401: { description: 'Not authenticated', example: errorExample(401, 'UNAUTHENTICATED', 'an API key is required: send Authorization: Bearer <key> or x-api-key') },
  404: { description: 'Not found', example: errorExample(404, 'NOT_FOUND', 'not found') },
  409: {
    description: 'This Idempotency-Key is still in flight: retry later',
    example: errorExample(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still being handled; retry later'),
  },
  415: { description: 'Not sent as application/json', example: errorExample(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json') },
  422: {
    description: 'A business rule refused the request (its code, with details; nothing was written), or this Idempotency-Key was used for another request',
    example: errorExample(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request'),
  },
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
          fields: {
            type: 'array',
            description: 'Invalid input: each field by its path and why',
            items: { type: 'object', properties: { path: { type: 'string' }, reason: { type: 'string' } } },
          },
          details: { type: 'object', additionalProperties: true },
          correlationId: { type: 'string', description: 'Also in the x-correlation-id header; quote it when reporting a problem' },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      listPathParameters(path, operation);
      const answers: Record<string, ErrorAnswer> = { ...errorAnswers(path, operation) };
      for (const status of Object.keys(operation.responses)) if (/^[45]/.test(status) && !answers[status] && DOCUMENTED_ONLY[status]) answers[status] = DOCUMENTED_ONLY[status];
      for (const [status, answer] of Object.entries(answers)) {
        const documented = operation.responses[status];
        if (documented?.content) continue;
        operation.responses[status] = {
          description: documented?.description || answer.description,
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
