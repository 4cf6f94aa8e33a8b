import type * as grpc from '@grpc/grpc-js';
import { servedGrpcDefinition } from '../support/served-grpc-methods';

/**
 * What the running app serves, read from the app itself: its OpenAPI document (`/docs-json`)
 * for HTTP and the protos its gRPC server loads, so a route or method added later is fuzzed
 * without anyone listing it here.
 */

/** The part of OpenAPI 3's schema object the fuzz reads. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Parameter {
  name: string;
  schema: Schema;
  required: boolean;
}

export interface HttpOperation {
  /** `POST /orders/{orderId}/captures`. */
  name: string;
  method: string;
  /** The path template, `{name}` for each path parameter. */
  path: string;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  /** The JSON body's schema, when the document gives one. */
  body?: Schema;
}

export interface ApiDocument {
  operations: HttpOperation[];
  schemas: Record<string, Schema>;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Every operation of the document the app serves at `/docs-json`. */
export async function httpOperations(base: string): Promise<ApiDocument> {
  const response = await fetch(`${base}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, Schema> } };
  const operations: HttpOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const declared = new Map(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
      // Some routes leave their path parameters undocumented: the template still names them.
      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, schema: declared.get(name)?.schema ?? { type: 'string' }, required: true }));
      const queryParameters = parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' }, required: p.required === true }));
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParameters,
        queryParameters,
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return { operations, schemas: document.components?.schemas ?? {} };
}

/** `schema` with its `$ref` and single-member `allOf` followed. */
export function resolveSchema(schema: Schema | undefined, schemas: Record<string, Schema>): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 32; hops++) {
    if (current.$ref) current = schemas[current.$ref.replace('#/components/schemas/', '')];
    else if (current.allOf?.length === 1) current = current.allOf[0];
    else return current;
  }
  return current;
}

/** A field of a protobuf message type, as proto-loader describes it. */
export interface FieldDescriptor {
  name: string;
  number: number;
  label: 'LABEL_OPTIONAL' | 'LABEL_REPEATED' | 'LABEL_REQUIRED';
  type: string;
  typeName?: string;
}

export interface MessageDescriptor {
  name: string;
  field: FieldDescriptor[];
}

export interface GrpcMethod {
  /** `ledgerbridge.order.v1.Orders/PlaceOrder`. */
  name: string;
  definition: grpc.MethodDefinition<object, unknown>;
  request: MessageDescriptor;
}

export interface GrpcSurface {
  methods: GrpcMethod[];
  /** Message and enum types by full name (`ledgerbridge.order.v1.OrderLine`). */
  types: Map<string, { kind: 'message'; descriptor: MessageDescriptor } | { kind: 'enum'; values: string[] }>;
}

/** Every method of every service in the protos `grpcOptions` hands the server, with the message types. */
export function grpcSurface(): GrpcSurface {
  const definition = servedGrpcDefinition();
  const methods: GrpcMethod[] = [];
  const types: GrpcSurface['types'] = new Map();
  for (const [name, entry] of Object.entries(definition)) {
    if (!('format' in entry)) continue;
    const type = (entry as { type: { field?: FieldDescriptor[]; value?: Array<{ name: string }> } }).type;
    if (entry.format === 'Protocol Buffer 3 EnumDescriptorProto') types.set(name, { kind: 'enum', values: (type.value ?? []).map((v) => v.name) });
    else types.set(name, { kind: 'message', descriptor: { name, field: type.field ?? [] } });
  }
  for (const [serviceName, entry] of Object.entries(definition)) {
    if ('format' in entry) continue; // a message or enum type, not a service
    for (const [methodName, method] of Object.entries(entry as grpc.ServiceDefinition)) {
      const requestType = (method as unknown as { requestType: { type: { name: string; field: FieldDescriptor[] } } }).requestType.type;
      methods.push({
        name: `${serviceName}/${methodName}`,
        definition: method as grpc.MethodDefinition<object, unknown>,
        request: { name: closestTypeName([...types.keys()], serviceName, requestType.name), field: requestType.field },
      });
    }
  }
  return { methods, types };
}

/** The full name of the type called `shortName` declared nearest to `serviceName` (proto-loader gives only the short one). */
function closestTypeName(names: string[], serviceName: string, shortName: string): string {
  const candidates = names.filter((name) => name === shortName || name.endsWith(`.${shortName}`));
  const shared = (name: string) => {
    let n = 0;
    while (n < name.length && name[n] === serviceName[n]) n++;
    return n;
  };
  return candidates.sort((a, b) => shared(b) - shared(a))[0] ?? shortName;
}

export type GrpcType = GrpcSurface['types'] extends Map<string, infer T> ? T : never;

/** The type a field of message `scope` names, looked up the way protobuf scopes names: innermost first. */
export function fieldType(surface: GrpcSurface, scope: string, typeName: string): GrpcType | undefined {
  if (typeName.startsWith('.')) return surface.types.get(typeName.slice(1));
  const parts = scope.split('.');
  for (let n = parts.length; n >= 0; n--) {
    const found = surface.types.get([...parts.slice(0, n), typeName].join('.'));
    if (found) return found;
  }
  return undefined;
}
