import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import { ERROR_BODY, errorExample } from './answers';

/**
 * The request body a route takes, with the example Swagger UI's "Try it out" sends: a request
 * that passes validation as it stands (test/edge/openapi.e2e.test.ts sends each one).
 */
export const ExampleBody = (type: Type<unknown>, example: object, summary = 'example') => ApiBody({ type, examples: { [summary]: { summary, value: example } } });

type Examples = Record<string, { summary: string; value: unknown }>;
type Described = { type: Type<unknown> | [Type<unknown>] } | { example: unknown } | { examples: Examples };
/** Headers an answer carries, by name. */
type AnswerHeaders = Record<string, { description: string; example: string }>;

const answerOf = (description: string, answer: Described) =>
  'type' in answer ? { description, type: answer.type } : { description, content: { 'application/json': { schema: { type: 'object' }, ...answer } } };

const headersOf = (headers: AnswerHeaders) =>
  Object.fromEntries(Object.entries(headers).map(([name, { description, example }]) => [name, { description, schema: { type: 'string' as const, example } }]));

/** A 200 answer: its type when it has a documented class, else an example of it (or several, by name); and headers it carries. */
export const OkAnswer = (description: string, { headers, ...answer }: Described & { headers?: AnswerHeaders }) =>
  applyDecorators(ApiOkResponse({ ...answerOf(description, answer), ...(headers && { headers: headersOf(headers) }) }));

/** A 304 answer to a conditional read: no body, its headers. */
export const NotModifiedAnswer = (description: string, headers: AnswerHeaders) => applyDecorators(ApiResponse({ status: 304, description, headers: headersOf(headers) }));

/** A 201 answer, likewise. */
export const CreatedAnswer = (description: string, answer: Described) => applyDecorators(ApiCreatedResponse(answerOf(description, answer)));

/** One reason a route refuses a request: the error's code, message and details as the client gets them. */
export interface Refusal {
  /** The example's name when two share a code. */
  name?: string;
  code: string;
  message: string;
  fields?: Array<{ path: string; reason: string }>;
  details?: Record<string, unknown>;
}

/** The refusals every write honouring Idempotency-Key may give. */
export const KEY_REUSED: Refusal = { code: 'IDEMPOTENCY_KEY_REUSED', message: 'this Idempotency-Key was used for a different request' };
export const KEY_IN_FLIGHT: Refusal = { code: 'IDEMPOTENCY_KEY_IN_FLIGHT', message: 'a request with this Idempotency-Key is still being handled; retry later' };

/** An error answer the route gives for reasons of its own: the one error body, an example per reason (named by its code). */
export const RefusedAnswer = (status: number, description: string, reasons: Refusal[]) =>
  ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${ERROR_BODY}` },
        examples: Object.fromEntries(
          reasons.map(({ name, code, message, fields, details }) => [
            name ?? code,
            { summary: name ?? code, value: errorExample(status, code, message, { ...(fields && { fields }), ...(details && { details }) }) },
          ]),
        ),
      },
    },
  });
