import fc from 'fast-check';
import { type FieldDescriptor, fieldType, type GrpcMethod, type GrpcSurface, type MessageDescriptor } from './api-surface';
import type { KnownValues } from './schema-example';
import { sometimes, withinBudget } from './hostile-json';
import { hostileDate, hostileInstant, hostileNumber, hostileString } from './hostile-values';

/**
 * Hostile gRPC requests made from a valid message: field values of the right protobuf type but
 * the wrong content (bad times, control characters, int64 at its ends, lists past their bounds),
 * and bytes no encoder writes (a field again with a hostile value, which protobuf merges; wrong
 * wire types; lengths past the end; unknown fields; groups nested 100,000 deep; strings that are
 * not UTF-8). Encoding goes through the method's own serializer, then the wire edits are made
 * on the bytes by hand: a library encoder refuses to write them.
 */

export interface GrpcRequest {
  bytes: Buffer;
  edits: string[];
}

type Message = Record<string, unknown>;

const INT64 = [
  '9223372036854775807',
  '-9223372036854775808',
  '18446744073709551615',
  '1000000000000',
  '1000000000001',
  '-1000000000001',
  '-1',
  '0',
  '4294967296',
  '9007199254740993',
];
const INT32 = [2147483647, -2147483648, -1, 0, 1, 10_000, 10_001, 501];
const FLOATS = [Number.NaN, Infinity, -Infinity, -0, 1e308, 5e-324, 0.5];
const REPEATS = [0, 2, 21, 101, 501, 1_001, 2_001, 10_001];

const isRepeated = (field: FieldDescriptor) => field.label === 'LABEL_REPEATED';
const INTEGER_TYPES = new Set(['TYPE_INT32', 'TYPE_UINT32', 'TYPE_SINT32', 'TYPE_FIXED32', 'TYPE_SFIXED32']);
const LONG_TYPES = new Set(['TYPE_INT64', 'TYPE_UINT64', 'TYPE_SINT64', 'TYPE_FIXED64', 'TYPE_SFIXED64']);

/** A message of `descriptor` with every field set: from `known` by name, else a plausible value of its type. */
export function messageExample(surface: GrpcSurface, descriptor: MessageDescriptor, known: KnownValues, depth = 0): Message {
  const message: Message = {};
  for (const field of descriptor.field) {
    const one = () => scalarExample(surface, descriptor, field, known, depth);
    const value = known[field.name] !== undefined && field.type !== 'TYPE_MESSAGE' ? known[field.name] : one();
    if (value === undefined) continue;
    message[field.name] = isRepeated(field) ? [value] : value;
  }
  return message;
}

function scalarExample(surface: GrpcSurface, scope: MessageDescriptor, field: FieldDescriptor, known: KnownValues, depth: number): unknown {
  if (field.type === 'TYPE_MESSAGE') {
    const type = fieldType(surface, scope.name, field.typeName ?? '');
    return type?.kind === 'message' && depth < 6 ? messageExample(surface, type.descriptor, known, depth + 1) : undefined;
  }
  if (field.type === 'TYPE_ENUM') {
    const type = fieldType(surface, scope.name, field.typeName ?? '');
    return type?.kind === 'enum' ? (type.values[1] ?? type.values[0]) : undefined;
  }
  if (field.type === 'TYPE_STRING') return /At$/.test(field.name) ? '2026-11-28T09:00:00Z' : /Date$|^from$|^to$|^asOf$/.test(field.name) ? '2026-11-28' : 'x1';
  if (field.type === 'TYPE_BOOL') return false;
  if (field.type === 'TYPE_BYTES') return Buffer.from('x');
  return 1;
}

/** A hostile value of the field's protobuf type (what the serializer can still write). */
function hostileValueFor(field: FieldDescriptor): fc.Arbitrary<unknown> {
  if (field.type === 'TYPE_STRING') return fc.oneof(hostileString, hostileInstant, hostileDate, fc.constant('a'.repeat(200_000)));
  if (LONG_TYPES.has(field.type)) return fc.oneof(fc.constantFrom(...INT64), hostileNumber.filter(Number.isSafeInteger));
  if (INTEGER_TYPES.has(field.type)) return fc.constantFrom(...INT32);
  if (field.type === 'TYPE_DOUBLE' || field.type === 'TYPE_FLOAT') return fc.oneof(fc.constantFrom(...FLOATS), hostileNumber);
  if (field.type === 'TYPE_BOOL') return fc.boolean();
  if (field.type === 'TYPE_ENUM') return fc.constantFrom('NOT_A_VALUE', '', 99);
  if (field.type === 'TYPE_BYTES') return fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b));
  return fc.constant({});
}

/** Every field slot in `message` with its descriptor: paths into the object, lists and their items. */
function slotsOf(
  surface: GrpcSurface,
  descriptor: MessageDescriptor,
  message: Message,
  base: Array<string | number> = [],
  depth = 0,
): Array<{ path: Array<string | number>; field: FieldDescriptor; item: boolean }> {
  const slots: Array<{ path: Array<string | number>; field: FieldDescriptor; item: boolean }> = [];
  for (const field of descriptor.field) {
    const path = [...base, field.name];
    slots.push({ path, field, item: false });
    const value = message[field.name];
    const nested = field.type === 'TYPE_MESSAGE' ? fieldType(surface, descriptor.name, field.typeName ?? '') : undefined;
    const items = isRepeated(field) && Array.isArray(value) ? value.slice(0, 3) : [value];
    items.forEach((item, index) => {
      const itemPath = isRepeated(field) ? [...path, index] : path;
      if (isRepeated(field)) slots.push({ path: itemPath, field, item: true });
      if (nested?.kind === 'message' && item && typeof item === 'object' && depth < 6) slots.push(...slotsOf(surface, nested.descriptor, item as Message, itemPath, depth + 1));
    });
  }
  return slots;
}

type WireEdit =
  | { op: 'again'; at: number }
  | { op: 'wrongWireType'; at: number; wireType: number }
  | { op: 'unknownField'; number: number; wireType: number; payload: Uint8Array }
  | { op: 'truncate'; fraction: number }
  | { op: 'flip'; fraction: number; mask: number }
  | { op: 'lengthPastEnd'; at: number; length: bigint }
  | { op: 'longVarint'; at: number; bytes: number }
  | { op: 'groups'; depth: number; closed: boolean }
  | { op: 'notUtf8'; at: number; bytes: readonly number[] }
  | { op: 'junk'; bytes: Uint8Array };

const at = fc.nat();

const wireEdit: fc.Arbitrary<WireEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('again' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wrongWireType' as const), at, wireType: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('unknownField' as const),
      number: fc.constantFrom(0, 999, 19_000, 536_870_911, 536_870_912),
      wireType: fc.constantFrom(0, 1, 2, 5, 6),
      payload: fc.uint8Array({ maxLength: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('flip' as const), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), mask: fc.integer({ min: 1, max: 255 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lengthPastEnd' as const), at, length: fc.constantFrom(127n, 2n ** 31n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('longVarint' as const), at, bytes: fc.constantFrom(10, 11, 20) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('groups' as const), depth: fc.constantFrom(100, 10_000, 100_000), closed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('notUtf8' as const), at, bytes: fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('junk' as const), bytes: fc.uint8Array({ maxLength: 64 }) }) },
);

/** Hostile requests for `method`, made from the valid message `valid`. */
export function hostileMessage(surface: GrpcSurface, method: GrpcMethod, valid: Message): fc.Arbitrary<GrpcRequest> {
  const slots = slotsOf(surface, method.request, valid);
  const fields = method.request.field;
  const fieldEdit: fc.Arbitrary<{ at: number; edit: 'value' | 'clear' | 'repeat'; times: number; value: unknown }> =
    slots.length === 0
      ? fc.constant({ at: 0, edit: 'clear' as const, times: 0, value: undefined })
      : fc.nat({ max: slots.length - 1 }).chain((index) =>
          fc.record({
            at: fc.constant(index),
            edit: fc.constantFrom<'value' | 'clear' | 'repeat'>('value', 'value', 'value', 'clear', 'repeat'),
            times: fc.constantFrom(...REPEATS),
            value: hostileValueFor(slots[index].field),
          }),
        );
  const againValue =
    fields.length === 0
      ? fc.constant({ index: 0, value: undefined })
      : fc.nat({ max: fields.length - 1 }).chain((index) => hostileValueFor(fields[index]).map((value) => ({ index, value })));
  return fc
    .record({
      fieldEdits: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(fieldEdit, { minLength: 1, maxLength: 3 }) }),
      wire: sometimes(fc.tuple(wireEdit, againValue), 4),
    })
    .map(({ fieldEdits, wire }) => {
      const message = structuredClone(valid);
      const edits: string[] = [];
      for (const edit of fieldEdits) applyFieldEdit(message, slots[edit.at], edit, edits);
      let bytes = encode(method, message, edits);
      if (wire) bytes = applyWireEdit(method, bytes, wire[0], wire[1], edits);
      return { bytes, edits };
    });
}

function render(path: Array<string | number>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

function preview(value: unknown): string {
  const text = typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}...(${text.length} chars)` : text;
}

function applyFieldEdit(
  message: Message,
  slot: { path: Array<string | number>; field: FieldDescriptor; item: boolean } | undefined,
  edit: { edit: 'value' | 'clear' | 'repeat'; times: number; value: unknown },
  edits: string[],
): void {
  if (!slot) return;
  const parentPath = slot.path.slice(0, -1);
  let parent: any = message;
  for (const part of parentPath) parent = parent?.[part];
  if (parent === null || typeof parent !== 'object') return;
  const key = slot.path[slot.path.length - 1];
  if (edit.edit === 'clear') {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete parent[key];
    edits.push(`clear ${render(slot.path)}`);
  } else if (edit.edit === 'repeat' && isRepeated(slot.field)) {
    const list = slot.item ? parent : parent[key];
    const item = Array.isArray(list) && list.length > 0 ? list[0] : undefined;
    if (item === undefined) return;
    const target = slot.item ? parentPath : slot.path;
    const times = withinBudget(edit.times, item);
    const filled = Array.from({ length: times }, () => item);
    let holder: any = message;
    for (const part of target.slice(0, -1)) holder = holder[part];
    holder[target[target.length - 1]] = filled;
    edits.push(`${render(target)}: ${times} copies of its first item`);
  } else if (slot.field.type !== 'TYPE_MESSAGE' || edit.edit === 'value') {
    if (slot.field.type === 'TYPE_MESSAGE') return;
    if (isRepeated(slot.field) && !slot.item) parent[key] = [edit.value];
    else parent[key] = edit.value;
    edits.push(`${render(slot.path)} = ${preview(edit.value)}`);
  }
}

function encode(method: GrpcMethod, message: Message, edits: string[]): Buffer {
  try {
    return method.definition.requestSerialize(message);
  } catch (error) {
    // A value the serializer cannot write: the message without the edits, then.
    edits.push(`(not encodable: ${(error as Error).message.slice(0, 60)})`);
    return Buffer.alloc(0);
  }
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;

function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Buffer.from(bytes);
}

const tag = (field: number, wireType: number) => varint((BigInt(field) << 3n) | BigInt(wireType));

function applyWireEdit(method: GrpcMethod, bytes: Buffer, edit: WireEdit, again: { index: number; value: unknown }, edits: string[]): Buffer {
  const fields = method.request.field;
  const field = (index: number) => fields[index % Math.max(fields.length, 1)] as FieldDescriptor | undefined;
  switch (edit.op) {
    case 'again': {
      // The same field once more, later in the bytes: protobuf keeps the last scalar and merges messages.
      const target = fields[again.index];
      if (!target || target.type === 'TYPE_MESSAGE') return bytes;
      let extra: Buffer;
      try {
        extra = method.definition.requestSerialize({ [target.name]: isRepeated(target) ? [again.value] : again.value });
      } catch {
        return bytes;
      }
      edits.push(`then ${target.name} again = ${preview(again.value)}`);
      return Buffer.concat([bytes, extra]);
    }
    case 'wrongWireType': {
      const target = field(edit.at);
      if (!target) return bytes;
      const payload =
        edit.wireType === 0
          ? varint(1n)
          : edit.wireType === 1
            ? Buffer.alloc(8)
            : edit.wireType === 2
              ? Buffer.from([1, 0x41])
              : edit.wireType === 5
                ? Buffer.alloc(4)
                : Buffer.alloc(0);
      edits.push(`${target.name} with wire type ${edit.wireType}`);
      return Buffer.concat([bytes, tag(target.number, edit.wireType), payload]);
    }
    case 'unknownField': {
      const payload = edit.wireType === WIRE_LENGTH_DELIMITED ? Buffer.concat([varint(BigInt(edit.payload.length)), Buffer.from(edit.payload)]) : Buffer.from(edit.payload);
      edits.push(`unknown field ${edit.number}, wire type ${edit.wireType}`);
      return Buffer.concat([bytes, tag(edit.number, edit.wireType), payload]);
    }
    case 'truncate': {
      const length = Math.floor(edit.fraction * bytes.length);
      edits.push(`cut after ${length} of ${bytes.length} bytes`);
      return bytes.subarray(0, length);
    }
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      const index = Math.floor(edit.fraction * copy.length);
      copy[index] ^= edit.mask;
      edits.push(`byte ${index} xor ${edit.mask}`);
      return copy;
    }
    case 'lengthPastEnd': {
      const target = fields.filter((f) => f.type === 'TYPE_STRING' || f.type === 'TYPE_MESSAGE')[edit.at % Math.max(fields.length, 1)];
      const number = target?.number ?? 1;
      edits.push(`field ${number} announcing ${edit.length} bytes`);
      return Buffer.concat([bytes, tag(number, WIRE_LENGTH_DELIMITED), varint(edit.length), Buffer.from('x')]);
    }
    case 'longVarint': {
      const number = field(edit.at)?.number ?? 1;
      edits.push(`field ${number}: a varint of ${edit.bytes} bytes`);
      return Buffer.concat([bytes, tag(number, WIRE_VARINT), Buffer.alloc(edit.bytes - 1, 0xff), Buffer.from([0x01])]);
    }
    case 'groups': {
      edits.push(`${edit.depth} nested groups${edit.closed ? '' : ', never closed'}`);
      const open = Buffer.concat(Array.from({ length: edit.depth }, () => tag(999, WIRE_START_GROUP)));
      const close = edit.closed ? Buffer.concat(Array.from({ length: edit.depth }, () => tag(999, WIRE_END_GROUP))) : Buffer.alloc(0);
      return Buffer.concat([bytes, open, close]);
    }
    case 'notUtf8': {
      const strings = fields.filter((f) => f.type === 'TYPE_STRING');
      const target = strings[edit.at % Math.max(strings.length, 1)];
      if (!target) return bytes;
      const value = Buffer.concat([Buffer.from('ok'), Buffer.from(edit.bytes)]);
      edits.push(`${target.name} = bytes ${edit.bytes.map((b) => b.toString(16)).join(' ')} (not UTF-8)`);
      return Buffer.concat([bytes, tag(target.number, WIRE_LENGTH_DELIMITED), varint(BigInt(value.length)), value]);
    }
    case 'junk':
      edits.push(`junk bytes ${Buffer.from(edit.bytes).toString('hex').slice(0, 40)}`);
      return Buffer.from(edit.bytes);
  }
}
