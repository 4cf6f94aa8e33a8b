import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { resolve } from 'node:path';

export const CONSOLE_PATH = '/console';

/** The browser code stays in the source tree (plain ES modules, nothing to build); this file runs from a dist folder. */
export const CONSOLE_ASSETS = resolve(__dirname, '..', '..', '..', 'src', 'console', 'web');

/**
 * Only this origin's own files and API: the console shows event data and payloads a channel sent,
 * so nothing it renders may load or run anything else, and no other site may frame it.
 */
const CONTENT_SECURITY_POLICY = ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');

/**
 * The operations console at /console/: static files served without a key (they hold no data); the
 * page signs in with an API key and calls the same HTTP API as everyone else, so the access guard
 * decides what it may see and do.
 */
export function serveConsole(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .register(fastifyStatic, {
      root: CONSOLE_ASSETS,
      prefix: CONSOLE_PATH,
      // /console redirects to /console/; Swagger UI already decorates the reply.
      redirect: true,
      decorateReply: false,
      // Revalidated at every load, so a new release is picked up at once; the files are small.
      cacheControl: false,
      setHeaders: (reply: FastifyReply) => {
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'no-referrer');
        reply.header('cache-control', 'no-cache');
      },
    });
}
