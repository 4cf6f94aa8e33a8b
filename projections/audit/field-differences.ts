/** One field where what was recorded and what history implies disagree. */
export interface FieldDifference {
  /** As a client writes it: `lines[2].amountMinor`, `postingDate`, `lines` (a missing or extra line). */
  path: string;
  /** The value found in the record; absent when only the rebuild has the field. */
  recorded?: unknown;
  /** The value history implies; absent when only the record has the field. */
  rebuilt?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Every leaf where two JSON values differ, in a stable order (object keys sorted, array items
 * by index), so a report names each broken field rather than just "not equal".
 */
export function fieldDifferences(recorded: unknown, rebuilt: unknown, path = ''): FieldDifference[] {
  if (Array.isArray(recorded) && Array.isArray(rebuilt)) {
    const length = Math.max(recorded.length, rebuilt.length);
    return Array.from({ length }, (_, i) => i).flatMap((i) => {
      if (i >= recorded.length) return [{ path: pathOf(path, i), rebuilt: rebuilt[i] }];
      if (i >= rebuilt.length) return [{ path: pathOf(path, i), recorded: recorded[i] }];
      return fieldDifferences(recorded[i], rebuilt[i], pathOf(path, i));
    });
  }
  if (isObject(recorded) && isObject(rebuilt)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(rebuilt)])].sort();
    return keys.flatMap((key) => {
      if (!(key in rebuilt)) return [{ path: pathOf(path, key), recorded: recorded[key] }];
      if (!(key in recorded)) return [{ path: pathOf(path, key), rebuilt: rebuilt[key] }];
      return fieldDifferences(recorded[key], rebuilt[key], pathOf(path, key));
    });
  }
  return Object.is(recorded, rebuilt) ? [] : [{ path: path || '$', recorded, rebuilt }];
}
