/** A JSON number written exactly as this decimal text (e.g. "105.19"), never through a float. */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`${JSON.stringify(text)} is not a decimal number`);
  }
}

export type JsonValue = string | number | boolean | null | JsonDecimal | JsonValue[] | { [key: string]: JsonValue };

/**
 * JSON with two-space indentation and keys in the order given, where JsonDecimal values become
 * bare numbers: the same value always gives the same bytes, and amounts keep their exact digits.
 */
export function decimalJson(value: JsonValue, indent = ''): string {
  if (value instanceof JsonDecimal) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${decimalJson(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${decimalJson(item, inner)}`).join(',\n')}\n${indent}}`;
}
