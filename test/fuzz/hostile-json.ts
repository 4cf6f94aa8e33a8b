import fc from 'fast-check';
import { resolveSchema, type Schema } from './api-surface';
import { HOSTILE_DATES, HOSTILE_INSTANTS, hostileDate, hostileInstant, hostileNumber, hostileString, wrongTypeValue } from './hostile-values';

/**
 * Hostile JSON bodies made from a valid one: one to three edits of the parsed tree, chosen with
 * the route's schema where it says something (a list at and past its bound, a string past its
 * length, a time of the right shape and a wrong value), and sometimes an edit of the text itself
 * that no JSON encoder writes (duplicate keys, number literals beyond a double, nesting far past
 * the bound, bytes that are not UTF-8, a cut-off body). Valid bodies stay common, so requests
 * reach the deciders and not only the parser.
 */

export interface HttpBody {
  /** Absent: the request has no body. */
  bytes?: Buffer;
  /** Absent: no Content-Type header. */
  contentType?: string;
  /** What was done to the valid body, for the report of a failing case. */
  edits: string[];
}

type Json = unknown;
type Path = Array<string | number>;

type TreeEdit =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'bound'; at: number; pick: number }
  | { op: 'delete'; at: number }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'repeat'; at: number; times: number }
  | { op: 'nest'; at: number; depth: number; array: boolean };

type TextEdit =
  | { op: 'duplicateKey'; at: number; value: unknown; hostileFirst: boolean }
  | { op: 'literal'; at: number; text: string }
  | { op: 'deep'; at: number; depth: number; array: boolean }
  | { op: 'invalidUtf8'; at: number; bytes: number[] }
  | { op: 'truncate'; fraction: number }
  | { op: 'wrap'; prefix: string; suffix: string }
  | { op: 'replace'; text: string };

/** Number and string forms JSON.stringify never writes. */
const LITERALS = [
  '1e400',
  '-1e400',
  '-0',
  '1.0',
  '1E2',
  '0.1e1',
  '1e-400',
  '12345678901234567890123456789',
  '1.00000000000000000001',
  '10000.0000000001',
  'NaN',
  'Infinity',
  '-Infinity',
  '01',
  '.5',
  '5.',
  '+1',
  '0x10',
  '1_000',
  'nul',
  'tru',
  'undefined',
  "'single'",
  '"\\ud800"',
  '"\\udfff"',
  '"\\u0000"',
  '"\\x41"',
  '"\t"',
  '"a\nb"',
  '"\\"',
  '"abc',
  '[1,]',
  '{"a":1,}',
  '{,}',
  '[,1]',
];

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xfe, 0xff]];

const WRAPS: Array<[string, string]> = [
  ['\ufeff', ''],
  ['', 'x'],
  ['', ',{}'],
  ['/* comment */', ''],
  ['', '\u0000'],
  ['[', ']'],
  ['{"body":', '}'],
  [' '.repeat(50_000), ''],
  ['\n\r\t ', '\n\r\t '],
];

const WHOLE = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '-1',
  '"x"',
  '[]',
  '{}',
  '[{}]',
  '[null]',
  '{',
  '}',
  'x',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"":""}',
];

export const CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/vnd.api+json',
  'application/json; charset="utf-8"; x=y',
  '',
];

const REPEATS = [0, 2, 21, 33, 101, 501, 1_001, 2_001, 10_001];
const DEPTHS = [2, 31, 32, 33, 64, 500];
const DEEP_TEXT = [33, 100, 1_000, 10_000, 100_000];

const at = fc.nat();

const treeEdit: fc.Arbitrary<TreeEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at, value: fc.oneof(wrongTypeValue, hostileString, hostileNumber, hostileInstant, hostileDate) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('bound' as const), at, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('addKey' as const),
      at,
      key: fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'extra', 'orderId')),
      value: wrongTypeValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repeat' as const), at, times: fc.constantFrom(...REPEATS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at, depth: fc.constantFrom(...DEPTHS), array: fc.boolean() }) },
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicateKey' as const), at, value: fc.oneof(wrongTypeValue, hostileInstant), hostileFirst: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('literal' as const), at, text: fc.constantFrom(...LITERALS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deep' as const), at, depth: fc.constantFrom(...DEEP_TEXT), array: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('invalidUtf8' as const), at, bytes: fc.constantFrom(...INVALID_UTF8) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.constantFrom(...WRAPS).map(([prefix, suffix]) => ({ op: 'wrap' as const, prefix, suffix })) },
  { weight: 1, arbitrary: fc.constantFrom(...WHOLE).map((text) => ({ op: 'replace' as const, text })) },
);

interface BodyPlan {
  treeEdits: TreeEdit[];
  textEdit: TextEdit | null;
  contentType: string | null;
}

/** `arbitrary` in about one case of `oneIn`, null otherwise. */
export const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

// About one body in six goes out valid, so the deciders see as many requests as the validation does.
const bodyPlan: fc.Arbitrary<BodyPlan> = fc.record({
  treeEdits: fc.oneof({ weight: 1, arbitrary: fc.constant<TreeEdit[]>([]) }, { weight: 3, arbitrary: fc.array(treeEdit, { minLength: 1, maxLength: 3 }) }),
  textEdit: sometimes(textEdit, 5),
  contentType: sometimes(fc.constantFrom(...CONTENT_TYPES), 25),
});

/** Hostile bodies from `valid`, the edits chosen with `schema` (the route's body schema, if any). */
export function hostileBody(valid: Json, schema: Schema | undefined, schemas: Record<string, Schema>): fc.Arbitrary<HttpBody> {
  // One body in about 40 is left out altogether.
  return fc.tuple(bodyPlan, fc.nat({ max: 40 })).map(([plan, omitDie]) => {
    if (omitDie === 0) return { edits: ['no body'], contentType: 'application/json' };
    const tree = structuredClone(valid);
    const edits: string[] = [];
    let root = tree;
    for (const edit of plan.treeEdits) root = applyTreeEdit(root, edit, schema, schemas, edits);
    let bytes: Buffer = plan.textEdit ? applyTextEdit(root, plan.textEdit, edits) : Buffer.from(JSON.stringify(root) ?? '', 'utf8');
    if (bytes.length > 1_200_000) bytes = bytes.subarray(0, 1_200_000);
    const contentType = plan.contentType ?? 'application/json';
    if (plan.contentType !== null) edits.push(`content-type ${JSON.stringify(plan.contentType)}`);
    return { bytes, contentType: contentType === '' ? undefined : contentType, edits };
  });
}

/** Every path in `value`, breadth first, at most `limit` (the root is `[]`). */
export function pathsOf(value: Json, limit = 400): Path[] {
  const paths: Path[] = [[]];
  for (let i = 0; i < paths.length && paths.length < limit; i++) {
    const node = valueAt(value, paths[i]);
    if (Array.isArray(node)) node.forEach((_, index) => paths.push([...paths[i], index]));
    else if (node !== null && typeof node === 'object') Object.keys(node).forEach((key) => paths.push([...paths[i], key]));
  }
  return paths.slice(0, limit);
}

function valueAt(value: Json, path: Path): Json {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[part];
  }
  return node;
}

/** `root` with the value at `path` replaced (the root itself when `path` is empty). */
function replaced(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const parent = valueAt(root, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') (parent as Record<string | number, Json>)[path[path.length - 1]] = value;
  return root;
}

/** The schema describing the value at `path`, where the route's schema says. */
export function schemaAt(schema: Schema | undefined, path: Path, schemas: Record<string, Schema>): Schema | undefined {
  let current = resolveSchema(schema, schemas);
  for (const part of path) {
    if (!current) return undefined;
    current = resolveSchema(typeof part === 'number' ? current.items : current.properties?.[part], schemas);
  }
  return current;
}

const render = (path: Path) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') || '(body)';
const preview = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...(${text.length} chars)` : text;
};

/** Values at and just past what the schema at the path allows, for that path's type. */
function boundaryValues(schema: Schema | undefined, current: Json): Json[] {
  const values: Json[] = [];
  if (!schema) return [null, '', -1, 0.5, 1e21, [], {}];
  if (schema.type === 'array' || Array.isArray(current)) {
    const item = Array.isArray(current) && current.length > 0 ? current[0] : null;
    const fill = (n: number) => Array.from({ length: n }, () => structuredClone(item));
    if (schema.maxItems !== undefined) values.push(fill(schema.maxItems + 1), fill(schema.maxItems));
    if (schema.minItems !== undefined && schema.minItems > 0) values.push(fill(schema.minItems - 1));
    values.push([], [[]], [item, item], [null], [1, 'x', {}]);
  }
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) values.push('a'.repeat(schema.maxLength + 1), 'a'.repeat(schema.maxLength));
    if (schema.minLength !== undefined && schema.minLength > 0) values.push('a'.repeat(schema.minLength - 1));
    if (schema.format === 'date-time') values.push(...HOSTILE_INSTANTS);
    if (schema.format === 'date') values.push(...HOSTILE_DATES);
    if (schema.enum) values.push(...schema.enum.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)), 'not-a-member');
    if (typeof current === 'string') values.push(`${current} `, current.toLowerCase(), `${current}\u0000`, `${current}/x`, `${current}-`, current + current);
    values.push('', 12, null);
  }
  if (schema.type === 'number' || schema.type === 'integer' || typeof current === 'number') {
    if (schema.minimum !== undefined) values.push(schema.minimum - 1, schema.minimum, schema.minimum - 0.5);
    if (schema.maximum !== undefined) values.push(schema.maximum + 1, schema.maximum, schema.maximum + 0.5);
    if (typeof current === 'number') values.push(current + 0.5, -current, current * 1e12, current + 1, current - 1);
    values.push(String(current), 1e21, -1, 0.1);
  }
  if (schema.type === 'boolean') values.push('true', 1, 0, null);
  if (schema.type === 'object' || (current !== null && typeof current === 'object' && !Array.isArray(current))) {
    values.push({}, [], null, 'x');
    for (const required of schema.required ?? []) {
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        const { [required]: _dropped, ...rest } = current as Record<string, Json>;
        values.push(rest);
      }
    }
  }
  return values.length > 0 ? values : [null, 'x', 1, []];
}

/**
 * Every value goes into the tree as a copy of its own: fast-check hands out one instance of a
 * constant, so a second edit of a case could add that instance into itself (a circular body).
 */
function applyTreeEdit(root: Json, edit: TreeEdit, schema: Schema | undefined, schemas: Record<string, Schema>, edits: string[]): Json {
  const paths = pathsOf(root);
  const path = paths[edit.at % paths.length];
  const current = valueAt(root, path);
  switch (edit.op) {
    case 'set':
      edits.push(`${render(path)} = ${preview(edit.value)}`);
      return replaced(root, path, structuredClone(edit.value));
    case 'bound': {
      const candidates = boundaryValues(schemaAt(schema, path, schemas), current);
      const value = structuredClone(candidates[edit.pick % candidates.length]);
      edits.push(`${render(path)} = ${preview(value)} (bound)`);
      return replaced(root, path, value);
    }
    case 'delete': {
      if (path.length === 0) return root;
      const parent = valueAt(root, path.slice(0, -1));
      const key = path[path.length - 1];
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else if (parent !== null && typeof parent === 'object') delete (parent as Record<string, Json>)[key];
      edits.push(`delete ${render(path)}`);
      return root;
    }
    case 'addKey': {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return root;
      // defineProperty: a key named __proto__ must become an own key, as JSON.parse makes it.
      Object.defineProperty(current, edit.key, { value: structuredClone(edit.value), enumerable: true, writable: true, configurable: true });
      edits.push(`${render(path)}[${JSON.stringify(edit.key)}] = ${preview(edit.value)}`);
      return root;
    }
    case 'repeat': {
      if (Array.isArray(current)) {
        const item = current.length > 0 ? current[0] : {};
        const times = withinBudget(edit.times, item);
        edits.push(`${render(path)}: ${times} copies of its first item`);
        return replaced(
          root,
          path,
          Array.from({ length: times }, () => item),
        );
      }
      if (typeof current === 'string') {
        edits.push(`${render(path)}: repeated ${edit.times} times`);
        return replaced(root, path, current.repeat(Math.min(edit.times, Math.floor(1_100_000 / Math.max(current.length, 1)))));
      }
      return root;
    }
    case 'nest': {
      let value = current;
      for (let i = 0; i < edit.depth; i++) value = edit.array ? [value] : { a: value };
      edits.push(`${render(path)}: wrapped in ${edit.depth} ${edit.array ? 'arrays' : 'objects'}`);
      return replaced(root, path, value);
    }
  }
}

/** About 3 MB of copies at most: past the 1 MiB body limit, short of what the client cannot build. */
export function withinBudget(times: number, item: unknown): number {
  const size = (JSON.stringify(item) ?? '').length + 1;
  return Math.min(times, Math.max(1, Math.floor(3_000_000 / size)));
}

let markers = 0;

/** The body's text with one edit no encoder makes, done by writing a marker and replacing it. */
function applyTextEdit(root: Json, edit: TextEdit, edits: string[]): Buffer {
  const marker = `\u0001fuzz-${++markers}\u0001`;
  const quoted = JSON.stringify(marker);
  const paths = 'at' in edit ? pathsOf(root) : [[]];
  const path = 'at' in edit ? paths[edit.at % paths.length] : [];
  const text = (value: Json) => Buffer.from(JSON.stringify(value) ?? '', 'utf8');
  switch (edit.op) {
    case 'duplicateKey': {
      // The key of an object member: the edited path's own, or the first key of the body.
      let objectPath = path.slice(0, -1);
      let key = path[path.length - 1];
      const parent = valueAt(root, objectPath);
      if (typeof key !== 'string' || parent === null || typeof parent !== 'object' || Array.isArray(parent)) {
        objectPath = [];
        key = root !== null && typeof root === 'object' && !Array.isArray(root) ? Object.keys(root)[0] : undefined!;
      }
      if (key === undefined) return text(root);
      const original = JSON.stringify((valueAt(root, objectPath) as Record<string, Json>)[key]) ?? 'null';
      const hostile = JSON.stringify(edit.value) ?? 'null';
      const body = JSON.stringify(replaced(root, [...objectPath, key], marker));
      const member = `${JSON.stringify(key)}:${quoted}`;
      const [first, second] = edit.hostileFirst ? [hostile, original] : [original, hostile];
      edits.push(`duplicate key ${render([...objectPath, key])}: ${first.slice(0, 40)} then ${second.slice(0, 40)}`);
      return Buffer.from(body.replace(member, `${JSON.stringify(key)}:${first},${JSON.stringify(key)}:${second}`), 'utf8');
    }
    case 'literal': {
      const body = JSON.stringify(replaced(root, path, marker));
      edits.push(`${render(path)} = ${edit.text} (raw)`);
      return Buffer.from(body.replace(quoted, edit.text), 'utf8');
    }
    case 'deep': {
      const body = JSON.stringify(replaced(root, path, marker));
      const nested = edit.array ? `${'['.repeat(edit.depth)}${']'.repeat(edit.depth)}` : `${'{"a":'.repeat(edit.depth)}1${'}'.repeat(edit.depth)}`;
      edits.push(`${render(path)}: nested ${edit.depth} levels (raw)`);
      return Buffer.from(body.replace(quoted, nested), 'utf8');
    }
    case 'invalidUtf8': {
      const current = valueAt(root, path);
      const body = JSON.stringify(replaced(root, path, `${typeof current === 'string' ? current : 'x'}${marker}`));
      const [before, after] = body.split(quoted.slice(1, -1));
      edits.push(`${render(path)}: bytes ${edit.bytes.map((b) => b.toString(16)).join(' ')} (not UTF-8)`);
      return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(edit.bytes), Buffer.from(after ?? '', 'utf8')]);
    }
    case 'truncate': {
      const whole = text(root);
      const length = Math.floor(edit.fraction * whole.length);
      edits.push(`cut after ${length} of ${whole.length} bytes`);
      return whole.subarray(0, length);
    }
    case 'wrap':
      edits.push(`wrapped in ${JSON.stringify(edit.prefix.slice(0, 20))} ... ${JSON.stringify(edit.suffix)}`);
      return Buffer.concat([Buffer.from(edit.prefix, 'utf8'), text(root), Buffer.from(edit.suffix, 'utf8')]);
    case 'replace':
      edits.push(`body ${JSON.stringify(edit.text)}`);
      return Buffer.from(edit.text, 'utf8');
  }
}
