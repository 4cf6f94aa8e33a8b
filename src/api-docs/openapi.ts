import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeAnswers } from './answers';

export const DOCS_PATH = 'docs';

/** Business areas, in the order Swagger UI lists them. */
const TAGS: Array<[string, string]> = [
  ['orders', 'Orders as channels send them (the canonical order format): placing, payments, stock, shipments, returns, refunds'],
  ['channels', 'Channel payloads: Shopify webhooks and re-sync, POS transactions, and the business-error queue of what could not go through'],
  ['promotions', 'Promotions: definition, activation, publication to channels, applications and clawbacks'],
  ['settlements', 'Payment-provider payout reports and their reconciliation'],
  ['register closes', 'Store register closes (cash counted against expected)'],
  ['gift cards', 'Gift cards sold'],
  ['finance', 'Finance views: trial balance, open items, promotion cost, settlement reconciliation'],
  ['posting-batches', 'Posting batches: closing, listing and exports in each ERP’s format'],
  ['erp-delivery', 'ERP delivery: lanes, dead letters, replay and skip, reconciliation against the ERP’s books, SAP’s confirmations'],
  ['audit', 'Auditors: lineage of journal lines, stream replay, entry and batch rebuilds, chain verification'],
  ['projections', 'The read models: status and lag, restart, rebuild, corrections'],
  ['operations', 'Operators: saga instances (parked, overdue, retry) and Prometheus metrics'],
  ['access', 'The API key presented: its name and scopes'],
  ['health', 'Liveness and readiness probes (no key)'],
];

const KEY_DESCRIPTION =
  'An API key: an opaque string `lbk_` followed by 43 URL-safe base64 characters, made with `npm run api-key` and configured by its SHA-256 hash ' +
  '(docs/operations.md, "Access control: API keys"). Not a JWT: it carries no claims; its scopes are configured with it.';

/**
 * Swagger UI at /docs and the OpenAPI document at /docs-json (and /docs-yaml), built from the
 * controllers' decorators and completed by describeAnswers (error answers, path parameters and
 * body examples). Served outside the access guard: the contract is not a secret.
 */
export function serveOpenApi(app: INestApplication): void {
  const builder = new DocumentBuilder()
    .setTitle('Ledgerbridge')
    .setDescription(
      'Commands from channels and reads for finance, audit and operations. Errors share one body: ' +
        '`{error: {status, code, message, fields?, details?, correlationId}}`. Writes honour `Idempotency-Key`. ' +
        'Every answer carries `x-correlation-id`; a W3C `traceparent` sent with a request is carried onto the events it records. ' +
        'To try a route here, Authorize with an API key (`lbk_...`, as bearer or x-api-key) holding the scope its 403 answer names; ' +
        'a service started without API_KEYS takes every request. The examples follow DESIGN.md’s worked order o-1001 from placing to its ERP documents.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'lbk_ API key (opaque)', description: `${KEY_DESCRIPTION} Sent as \`Authorization: Bearer lbk_...\`.` })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: `${KEY_DESCRIPTION} Sent as \`x-api-key: lbk_...\`.` }, 'api-key');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  // Built on the first request for it, then kept: a start (and a restart after a crash) does not
  // spend ~0.3 s of CPU on a document only developers and operators ask for.
  const document = () => {
    const built = SwaggerModule.createDocument(app, builder.build());
    describeAnswers(built);
    return built;
  };
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
}
