import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

/**
 * The request body a route takes, with the example Swagger UI's "Try it out" sends: a request
 * that passes validation as it stands (test/edge/openapi.e2e.test.ts sends each one).
 */
export const ExampleBody = (type: Type<unknown>, example: object, summary = 'example') => ApiBody({ type, examples: { [summary]: { summary, value: example } } });

/** A 200 answer: its type when it has a documented class, else an example of it. */
export const OkAnswer = (description: string, answer: { type: Type<unknown> | [Type<unknown>] } | { example: unknown }) =>
  applyDecorators(ApiOkResponse('type' in answer ? { description, type: answer.type } : { description, content: { 'application/json': { schema: { type: 'object' }, example: answer.example } } }));

/** A 201 answer, likewise. */
export const CreatedAnswer = (description: string, answer: { type: Type<unknown> } | { example: unknown }) =>
  applyDecorators(ApiCreatedResponse('type' in answer ? { description, type: answer.type } : { description, content: { 'application/json': { schema: { type: 'object' }, example: answer.example } } }));
