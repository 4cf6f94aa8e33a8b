import { resolveSchema, type Schema } from './api-surface';

/**
 * A valid-looking value for a schema, for routes the fuzz has no hand-written example of: the
 * document's own examples first, then a value that fits the type, format and pattern. Values
 * the fuzz knows exist (an order id it has placed) win by field name, so requests acting on an
 * entity find one.
 */

const TEXT_CANDIDATES = ['x1', 'US01', 'USD', 'web', 'abc', 'A1', '1', 'a'];

export type KnownValues = Readonly<Record<string, unknown>>;

export function exampleOf(schema: Schema | undefined, schemas: Record<string, Schema>, known: KnownValues = {}, name?: string, depth = 0): unknown {
  const resolved = resolveSchema(schema, schemas);
  if (name !== undefined && known[name] !== undefined) return known[name];
  if (!resolved || depth > 12) return 'x';
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum?.length) return resolved.enum[0];
  const variant = resolved.oneOf?.[0] ?? resolved.anyOf?.[0] ?? (resolved.allOf && resolved.allOf.length > 1 ? resolved.allOf[0] : undefined);
  if (variant) return exampleOf(variant, schemas, known, name, depth + 1);
  switch (resolved.type) {
    case 'object':
    case undefined: {
      if (!resolved.properties) return resolved.type === 'object' ? {} : 'x';
      const value: Record<string, unknown> = {};
      const required = new Set(resolved.required ?? []);
      for (const [property, propertySchema] of Object.entries(resolved.properties)) {
        const documented = resolveSchema(propertySchema, schemas);
        if (required.has(property) || documented?.example !== undefined || known[property] !== undefined)
          value[property] = exampleOf(propertySchema, schemas, known, property, depth + 1);
      }
      return value;
    }
    case 'array':
      return Array.from({ length: Math.max(resolved.minItems ?? 1, 1) }, () => exampleOf(resolved.items, schemas, known, undefined, depth + 1));
    case 'string':
      return textFor(resolved);
    case 'integer':
    case 'number':
      return Math.min(Math.max(resolved.minimum ?? 1, 1), resolved.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

function textFor(schema: Schema): string {
  if (schema.format === 'date-time') return '2026-11-28T09:00:00Z';
  if (schema.format === 'date') return '2026-11-28';
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  const fits = (text: string) => (!pattern || pattern.test(text)) && text.length <= (schema.maxLength ?? Infinity);
  const found = TEXT_CANDIDATES.find(fits);
  if (found) return found.padEnd(schema.minLength ?? 0, '1');
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}
