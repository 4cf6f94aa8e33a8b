import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { readEventCatalog } from '../../src/cli/event-catalog/event-catalog';
import { currentEventsDoc } from '../../src/cli/event-catalog/events-document';
import { REPO_ROOT } from '../../src/cli/repo-root';

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const PASCAL = /^[A-Z][A-Za-z0-9]+$/;

interface AsyncApi {
  asyncapi: string;
  channels: Record<string, { address: string }>;
  components: {
    messages: Record<string, { name: string; 'x-schema-version': number; payload?: unknown; examples?: Array<{ payload: Record<string, unknown> }> }>;
    schemas: Record<string, { required?: string[] }>;
  };
}

/**
 * Event types the code can record, found without the catalog's own discovery: every `type`
 * literal declared in a `*.events.ts` file, and every type appended by a direct `appendToStream`
 * call or kept in a `LatestEventStream`, written as a literal or as a string constant.
 */
function recordableEventTypes(): Map<string, string> {
  const files = ['src', 'projections', 'sagas'].flatMap((folder) => sources(join(REPO_ROOT, folder))).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const parsed = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  // String constants by name, from every file: `type: EVENT_CORRECTED` may name one imported from elsewhere.
  const constants = new Map<string, string>();
  for (const { file, text } of files.filter(({ text }) => /const [A-Z_]+ = '[A-Z]/.test(text))) {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isStringLiteral(node.initializer))
        constants.set(node.name.text, node.initializer.text);
      ts.forEachChild(node, visit);
    };
    visit(parsed(file, text));
  }
  const found = new Map<string, string>();
  for (const { file, text } of files) {
    const isEvents = file.endsWith('.events.ts');
    if (!isEvents && !/appendToStream\(|new LatestEventStream\(/.test(text)) continue;
    const where = relative(REPO_ROOT, file);
    const note = (name: string | undefined) => {
      if (name !== undefined && PASCAL.test(name) && !found.has(name)) found.set(name, where);
    };
    const valueOf = (node: ts.Expression) => (ts.isStringLiteral(node) ? node.text : ts.isIdentifier(node) ? constants.get(node.text) : undefined);
    const typesIn = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'type') note(valueOf(node.initializer));
      ts.forEachChild(node, typesIn);
    };
    const visit = (node: ts.Node): void => {
      if (isEvents && ts.isPropertySignature(node) && node.name.getText() === 'type' && node.type && ts.isLiteralTypeNode(node.type) && ts.isStringLiteral(node.type.literal))
        note(node.type.literal.text);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'appendToStream') node.arguments.forEach(typesIn);
      if (ts.isNewExpression(node) && node.expression.getText() === 'LatestEventStream' && node.arguments?.[2]) note(valueOf(node.arguments[2]));
      ts.forEachChild(node, visit);
    };
    visit(parsed(file, text));
  }
  return found;
}

describe('docs/events.md: the event catalog (npm run events-doc)', () => {
  const catalog = readEventCatalog();
  const cataloged = new Set(catalog.streams.flatMap((stream) => stream.events.map((event) => event.type)));

  it('lists every event type the code can record', () => {
    const missing = [...recordableEventTypes()].filter(([type]) => !cataloged.has(type)).map(([type, file]) => `${type} (${file})`);
    assert.deepEqual(
      missing,
      [],
      `event types the code records but the catalog leaves out (add their stream to RUNTIME_STREAMS in src/cli/event-catalog/event-catalog.ts): ${missing.join(', ')}`,
    );
  });

  it("names every event's stream, schema version, fields and example, the order's among them", () => {
    const order = catalog.streams.find((stream) => stream.address === 'order-{orderId}');
    assert.ok(order, `the order stream, among ${catalog.streams.map((stream) => stream.address).join(', ')}`);
    const placed = order.events.find((event) => event.type === 'OrderPlaced');
    assert.equal(placed?.schemaVersion, 1);
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'events.md'), 'utf8');
    const block = /## The AsyncAPI document[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    assert.ok(block, 'docs/events.md ends with the AsyncAPI document');
    const asyncApi = JSON.parse(block) as AsyncApi;
    assert.equal(asyncApi.asyncapi, '3.0.0');
    const message = asyncApi.components.messages.OrderPlaced;
    assert.equal(asyncApi.channels.order?.address, 'order-{orderId}');
    assert.equal(message?.['x-schema-version'], 1);
    assert.deepEqual(asyncApi.components.schemas.OrderPlacedData?.required?.slice(0, 3), ['orderId', 'channel', 'placedAt']);
    assert.equal(message?.examples?.[0]?.payload.currency, 'USD');
    const messages = Object.values(asyncApi.components.messages);
    assert.deepEqual(new Set(messages.map((each) => each.name)), cataloged);
    assert.deepEqual(
      messages.filter((each) => each.payload === undefined || each.examples?.length !== 1).map((each) => each.name),
      [],
    );
  });

  it('is what the event types in the code give: run npm run events-doc after changing one', () => {
    const written = readFileSync(join(REPO_ROOT, 'docs', 'events.md'), 'utf8');
    assert.ok(written === currentEventsDoc(), 'docs/events.md is stale: run npm run events-doc and commit it');
  });
});
