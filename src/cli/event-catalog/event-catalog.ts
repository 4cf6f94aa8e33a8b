import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../repo-root';
import { type JsonSchema, SchemaWriter } from './type-schemas';
const SOURCE_FOLDERS = ['src', 'projections', 'sagas'];

export interface CatalogEvent {
  type: string;
  /** `schemaVersion` as the event type declares it; 1 when it declares none (as every event so far). */
  schemaVersion: number;
  description: string;
  /** The event's `data`. */
  data: JsonSchema;
}

export interface CatalogStream {
  /** A stream name pattern, AsyncAPI style: `order-{orderId}`. */
  address: string;
  parameters: Record<string, string>;
  /** Who records into it: an aggregate's category, a saga's name, or the part of the runtime. */
  recordedBy: string;
  description: string;
  /** The file declaring its events, from the repository's root. */
  source: string;
  events: CatalogEvent[];
}

export interface EventCatalog {
  streams: CatalogStream[];
  /** Every event's metadata (correlation, causation, command, channel, principal, trace). */
  metadata: JsonSchema;
  /** Named types the events' data refers to, by name. */
  schemas: Record<string, JsonSchema>;
}

/**
 * Streams written outside an aggregate or a saga (the runtime's own bookkeeping), each named with
 * the type that declares its events: the aggregates and sagas are found from their declarations
 * (`AggregateType<...>`, `SagaDefinition<...>`), these few cannot be.
 */
const RUNTIME_STREAMS: Array<{
  address: string;
  recordedBy: string;
  description: string;
  file: string;
  /** A union of `{ type, data }` declared in `file`, or single events with their data's type (or schema). */
  events: { union: string } | Array<{ type: string; data: string | JsonSchema }>;
}> = [
  {
    address: 'saga-{saga}-{instanceId}',
    recordedBy: 'saga runtime',
    description:
      "What the saga runtime records in every saga instance's stream: each step as one event (the input taken, the saga's own events, the commands issued, timers and status), completion, parking and resumes. Streams recorded before a step was one event hold its parts as events of their own (InputHandled to SagaStatusChanged): read, no longer written.",
    file: 'sagas/runtime/saga-instance.state.ts',
    events: { union: 'SagaRuntimeEvent' },
  },
  {
    address: 'checkpoint-saga-{saga}',
    recordedBy: 'saga runtime',
    description: 'How far a saga has followed the log: the last event is the checkpoint (older ones are truncated).',
    file: 'sagas/runtime/saga-checkpoint.ts',
    events: [
      {
        type: 'SagaCheckpointReached',
        data: {
          type: 'object',
          properties: { position: { type: 'string', description: 'Global position of the log, decimal.' } },
          required: ['position'],
          additionalProperties: false,
        },
      },
    ],
  },
  {
    address: 'sagaindex-{saga}',
    recordedBy: 'saga runtime',
    description: "Saves of a saga's instance index (a base, then the changes), read at start instead of every saga stream.",
    file: 'sagas/runtime/index-snapshots.ts',
    events: [{ type: 'SagaIndexSaved', data: 'SavedPart' }],
  },
  {
    address: 'lease-{name}',
    recordedBy: 'lease holder',
    description: 'EventStoreDB only: who runs leased work (`sagas`, `delivery`), since when, and each renewal.',
    file: 'src/runtime/lease/lease.events.ts',
    events: { union: 'LeaseEvent' },
  },
  {
    address: 'idempotency-key-{sha256}',
    recordedBy: 'Idempotency-Key store',
    description: "EventStoreDB only: an Idempotency-Key's claim, answer or release (`$maxAge` forgets it).",
    file: 'src/idempotency/idempotency-key.events.ts',
    events: { union: 'IdempotencyKeyEvent' },
  },
  {
    address: 'channel-delivery-{channel}-{deliveryId}',
    recordedBy: 'channel edge (Shopify, POS)',
    description:
      "A channel's payload kept byte for byte as received (Shopify webhooks; POS sales as `channel-delivery-<channel>-<digest>-<orderId>`): the `sourceRef` lineage points to.",
    file: 'src/channels/channel-deliveries.ts',
    events: [{ type: 'ChannelPayloadReceived', data: 'ChannelDelivery' }],
  },
  {
    address: 'event-corrections',
    recordedBy: 'projection host',
    description: 'The data the read side takes for an event a projection halted at; the stored event is never rewritten.',
    file: 'projections/runner/event-corrections.ts',
    events: [{ type: 'EventCorrected', data: 'EventCorrectedData' }],
  },
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const fromRoot = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** Every event type Ledgerbridge records, read from its sources with the TypeScript compiler. */
export function readEventCatalog(root = REPO_ROOT): EventCatalog {
  const candidates = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder))).filter((file) => /AggregateType<|SagaDefinition</.test(readFileSync(file, 'utf8')));
  const runtimeFiles = RUNTIME_STREAMS.map((stream) => join(root, stream.file));
  const port = join(root, 'src', 'event-store', 'event-store.port.ts');
  const program = ts.createProgram([...candidates, ...runtimeFiles, port], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const schemas = new SchemaWriter(checker, root);
  const streams: CatalogStream[] = [];

  const eventsOf = (union: ts.Type): CatalogEvent[] =>
    (union.isUnion() ? union.types : [union]).map((member) => {
      const type = literalOf(checker, member, 'type');
      if (typeof type !== 'string') throw new Error(`an event type without a literal "type": ${checker.typeToString(member)}`);
      const version = literalOf(checker, member, 'schemaVersion');
      const data = checker.getPropertyOfType(member, 'data');
      return {
        type,
        schemaVersion: typeof version === 'number' ? version : 1,
        description: descriptionOf(member),
        data: data ? schemas.schemaOf(checker.getTypeOfSymbol(data)) : { type: 'object' },
      };
    });

  for (const file of candidates.map((path) => program.getSourceFile(path)!)) {
    for (const statement of file.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const typeArguments = genericArguments(declaration.type, 'AggregateType');
          if (!typeArguments || !declaration.initializer || !ts.isObjectLiteralExpression(declaration.initializer)) continue;
          const category = propertyText(checker, declaration.initializer, 'category');
          if (category === undefined) continue;
          const doc = docOf(statement);
          const address = addressFrom(doc, category) ?? `${category}-{id}`;
          streams.push({
            address,
            parameters: parametersOf(address),
            recordedBy: `${category} aggregate`,
            description: doc,
            source: fromRoot(root, file.fileName),
            events: eventsOf(checker.getTypeFromTypeNode(typeArguments[1])),
          });
        }
      }
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        const typeArguments = genericArguments(statement.type, 'SagaDefinition');
        if (!typeArguments) continue;
        const name = sagaName(checker, statement.body);
        if (name === undefined) throw new Error(`${fromRoot(root, file.fileName)}: a saga definition without a literal name`);
        const address = `saga-${name}-{instanceId}`;
        streams.push({
          address,
          parameters: parametersOf(address),
          recordedBy: `${name} saga`,
          description: `${docOf(statement)} A step's events are recorded inside its \`SagaStepTaken\` (\`events\`), in order.`,
          source: fromRoot(root, file.fileName),
          events: eventsOf(checker.getTypeFromTypeNode(typeArguments[1])),
        });
      }
    }
  }

  for (const stream of RUNTIME_STREAMS) {
    const file = program.getSourceFile(join(root, stream.file))!;
    const events =
      'union' in stream.events
        ? eventsOf(checker.getTypeAtLocation(declarationNamed(file, stream.events.union)))
        : stream.events.map(({ type, data }) => ({
            type,
            schemaVersion: 1,
            description: '',
            data: typeof data === 'string' ? schemas.schemaOf(checker.getTypeAtLocation(declarationNamed(file, data))) : data,
          }));
    streams.push({
      address: stream.address,
      parameters: parametersOf(stream.address),
      recordedBy: stream.recordedBy,
      description: stream.description,
      source: stream.file,
      events,
    });
  }

  streams.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const metadata = schemas.schemaOf(checker.getTypeAtLocation(declarationNamed(program.getSourceFile(port)!, 'EventMetadata')));
  return { streams, metadata, schemas: schemas.named() };
}

/** `order-<orderId>` in the declaration's comment, for the category `order`: `order-{orderId}` (`<delivery id>`: `{deliveryId}`). */
function addressFrom(doc: string, category: string): string | undefined {
  const pattern = new RegExp('`(' + category.replace(/[-.]/g, '\\$&') + '-[^`]*<[^`]*)`').exec(doc)?.[1];
  return pattern?.replace(
    /<([^>]+)>/g,
    (_, words: string) =>
      `{${words
        .replace(/[^A-Za-z0-9 ]/g, '')
        .split(' ')
        .filter(Boolean)
        .map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)))
        .join('')}}`,
  );
}

function parametersOf(address: string): Record<string, string> {
  return Object.fromEntries([...address.matchAll(/\{([A-Za-z0-9]+)\}/g)].map(([, name]) => [name, name]));
}

function genericArguments(node: ts.TypeNode | undefined, name: string): ts.NodeArray<ts.TypeNode> | undefined {
  if (!node || !ts.isTypeReferenceNode(node) || node.typeName.getText() !== name || !node.typeArguments || node.typeArguments.length < 2) return undefined;
  return node.typeArguments;
}

function literalOf(checker: ts.TypeChecker, type: ts.Type, property: string): string | number | undefined {
  const symbol = checker.getPropertyOfType(type, property);
  if (!symbol) return undefined;
  const value = checker.getTypeOfSymbol(symbol);
  return value.isStringLiteral() || value.isNumberLiteral() ? value.value : undefined;
}

function propertyText(checker: ts.TypeChecker, object: ts.ObjectLiteralExpression, name: string): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === name) {
      const type = checker.getTypeAtLocation(property.initializer);
      if (type.isStringLiteral()) return type.value;
    }
  }
  return undefined;
}

/** The `name` of the definition a saga's factory returns. */
function sagaName(checker: ts.TypeChecker, body: ts.Block): string | undefined {
  let name: string | undefined;
  const visit = (node: ts.Node): void => {
    if (name !== undefined) return;
    if (ts.isReturnStatement(node) && node.expression && ts.isObjectLiteralExpression(node.expression)) name = propertyText(checker, node.expression, 'name');
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return name;
}

function declarationNamed(file: ts.SourceFile, name: string): ts.Node {
  for (const statement of file.statements) {
    if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name.text === name) return statement.name;
  }
  throw new Error(`${file.fileName}: no type ${name}`);
}

/** A declaration's own `/** ... *\/` comment, as plain text. */
function docOf(node: ts.Node): string {
  const text = node.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges.filter((range) => text.startsWith('/**', range.pos)).at(-1);
  return last ? plainComment(text.slice(last.pos + 3, last.end - 2)) : '';
}

function plainComment(comment: string): string {
  return comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** An event type's comment: on its alias (`OrderPlaced`), or before its member of the union. */
function descriptionOf(member: ts.Type): string {
  const declaration = member.aliasSymbol?.declarations?.[0] ?? member.getSymbol()?.declarations?.[0];
  if (!declaration) return '';
  if (!ts.isTypeLiteralNode(declaration) || !ts.isUnionTypeNode(declaration.parent)) return docOf(declaration);
  const members = declaration.parent.types;
  const index = members.indexOf(declaration);
  const from = index === 0 ? declaration.parent.getFullStart() : members[index - 1].end;
  const between = declaration.getSourceFile().getFullText().slice(from, declaration.getStart());
  const comment = [...between.matchAll(/\/\*\*([\s\S]*?)\*\//g)].at(-1)?.[1] ?? '';
  return plainComment(comment);
}
