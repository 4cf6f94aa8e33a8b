import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';

/**
 * Swagger UI at /docs and the OpenAPI document at /docs-json (and /docs-yaml), built from the
 * controllers' decorators. Served outside the access guard: the contract is not a secret.
 */
export function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ledgerbridge')
      .setDescription(
        'Commands from channels and reads for finance, audit and operations. Errors share one body: ' +
          '`{error: {status, code, message, fields?, details?, correlationId}}`. Writes honour `Idempotency-Key`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key as a bearer token' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
}
