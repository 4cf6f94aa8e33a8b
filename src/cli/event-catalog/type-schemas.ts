import { relative, sep } from 'node:path';
import * as ts from 'typescript';

export type JsonSchema = { [keyword: string]: unknown };

/** Nesting past which a type without a name is shown as any value (recursive anonymous types). */
const MAX_DEPTH = 12;

/**
 * JSON Schemas of TypeScript types, as the events' JSON holds them. A type named in the
 * repository (an interface or alias) becomes a schema of its own, referred to by `$ref`
 * (`#/components/schemas/<name>`), so a shape shared by many events is described once.
 */
export class SchemaWriter {
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly names = new Map<ts.Declaration, string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly root: string,
  ) {}

  named(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  schemaOf(type: ts.Type, depth = 0): JsonSchema {
    const name = this.nameOf(type);
    if (name === undefined) return this.shapeOf(type, depth);
    if (!this.schemas.has(name)) {
      this.schemas.set(name, {});
      this.schemas.set(name, this.shapeOf(type, 0));
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** The name a repository type is listed under, or undefined for types written in place and the library's. */
  private nameOf(type: ts.Type): string | undefined {
    const symbol = type.aliasSymbol ?? (type.isUnion() || type.isIntersection() ? undefined : type.getSymbol());
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration || symbol.name.startsWith('__') || (type.aliasTypeArguments?.length ?? 0) > 0) return undefined;
    if (!(ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration))) return undefined;
    // An instance of a generic interface is its own shape, not the interface's.
    if (
      type.getFlags() & ts.TypeFlags.Object &&
      (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference &&
      this.checker.getTypeArguments(type as ts.TypeReference).length > 0
    )
      return undefined;
    const file = relative(this.root, declaration.getSourceFile().fileName).split(sep).join('/');
    if (file.startsWith('..') || file.includes('node_modules/')) return undefined;
    const known = this.names.get(declaration);
    if (known) return known;
    let name = symbol.name;
    for (let n = 2; [...this.names.values()].includes(name); n++) name = `${symbol.name}${n}`;
    this.names.set(declaration, name);
    return name;
  }

  private shapeOf(type: ts.Type, depth: number): JsonSchema {
    const flags = type.getFlags();
    // A type parameter (an Answer kept opaque) holds any value.
    if (depth > MAX_DEPTH || flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return {};
    if (type.isStringLiteral()) return { type: 'string', const: type.value };
    if (type.isNumberLiteral()) return { type: 'number', const: type.value };
    if (flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', const: this.checker.typeToString(type) === 'true' };
    if (flags & ts.TypeFlags.StringLike) return { type: 'string' };
    if (flags & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (flags & ts.TypeFlags.BigIntLike) return { type: 'string', description: 'a 64-bit integer, decimal' };
    if (flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (flags & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isUnion()) return this.unionOf(type, depth);
    // A branded primitive (`string & { brand }`) is stored as the primitive.
    const primitive = type.isIntersection()
      ? type.types.find((member) => member.getFlags() & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike))
      : undefined;
    if (primitive) return this.shapeOf(primitive, depth);
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      const items = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: items.length === 1 ? this.schemaOf(items[0], depth + 1) : { anyOf: items.map((item) => this.schemaOf(item, depth + 1)) } };
    }
    return this.objectOf(type, depth);
  }

  private unionOf(type: ts.UnionType, depth: number): JsonSchema {
    const members = type.types.filter((member) => !(member.getFlags() & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (members.length > 0 && members.every((member) => member.getFlags() & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (members.length > 0 && members.every((member) => member.isStringLiteral())) return { type: 'string', enum: members.map((member) => member.value) };
    if (members.length === 1) return this.schemaOf(members[0], depth);
    return { anyOf: members.map((member) => this.schemaOf(member, depth + 1)) };
  }

  private objectOf(type: ts.Type, depth: number): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const schema = this.schemaOf(this.checker.getTypeOfSymbol(property), depth + 1);
      const description = ts.displayPartsToString(property.getDocumentationComment(this.checker)).replace(/\s+/g, ' ').trim();
      properties[property.name] = description === '' ? schema : { ...schema, description };
      if (!(property.getFlags() & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = this.checker.getIndexInfosOfType(type).find((info) => info.keyType.getFlags() & ts.TypeFlags.String);
    const rest = index === undefined || index.type.getFlags() & ts.TypeFlags.Never ? false : this.schemaOf(index.type, depth + 1);
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: rest };
  }
}
