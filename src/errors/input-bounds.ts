import type { FieldError } from './api-error';

/**
 * The size bounds of request lists, checked on the input as it arrived, before class-transformer
 * builds an instance per item and class-validator runs every rule of every item: refusing a
 * list of 200,000 items then costs a length check, not seconds of validation. Likewise a field
 * declared a string, number or boolean that holds an object or a list (class-transformer would
 * first copy all of it: 300,000 nested lists in a date held the event loop 778 ms). The list and
 * nested-object decorators of field-rules record here what they bound; class-validator checks
 * the same bounds again on the instance, with the same reasons.
 */

type Constructor = abstract new (...args: never[]) => unknown;
type Holder = Record<string, unknown>;

type Rule =
  /** A nested object (`type`), or a list of at most `maxItems` (of `type` objects when given). */
  | { kind: 'shape'; property: string; type?: () => Constructor; maxItems?: number }
  /** A bound across the object holding `property` (items of several lists together): why it is broken, or undefined. */
  | { kind: 'check'; property: string; check: (holder: Holder) => string | undefined };

const rulesByClass = new Map<Constructor, Rule[]>();

export function listBoundReason(property: string, maxItems: number): string {
  return `${property} must hold at most ${maxItems} items (docs/channels.md "Limits")`;
}

/** A property decorator recording a bounded list (of `type` objects when given). */
export function recordList(maxItems: number, type?: () => Constructor): PropertyDecorator {
  return (target, property) => record(target.constructor as Constructor, { kind: 'shape', property: String(property), maxItems, type });
}

/** A property decorator recording a nested object, so the check below descends into it. */
export function recordNested(type: () => Constructor): PropertyDecorator {
  return (target, property) => record(target.constructor as Constructor, { kind: 'shape', property: String(property), type });
}

/** A property decorator recording a bound that spans the object holding the property; it is reported at the property. */
export function recordCheck(check: (holder: Holder) => string | undefined): PropertyDecorator {
  return (target, property) => record(target.constructor as Constructor, { kind: 'check', property: String(property), check });
}

function record(owner: Constructor, rule: Rule): void {
  const rules = rulesByClass.get(owner) ?? [];
  rulesByClass.set(owner, [...rules.filter((r) => r.kind !== rule.kind || r.property !== rule.property), rule]);
}

/** A class's rules with those it inherits (gRPC requests extend the HTTP bodies); its own win. */
function rulesOf(type: Constructor): Rule[] {
  const rules: Rule[] = [];
  for (let owner: unknown = type; typeof owner === 'function' && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
    for (const rule of rulesByClass.get(owner as Constructor) ?? []) {
      if (!rules.some((r) => r.kind === rule.kind && r.property === rule.property)) rules.push(rule);
    }
  }
  return rules;
}

const SCALARS = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

/** Per class, the scalar (or none) each declared property has: read once, as every request walks its keys. */
const scalarsByClass = new Map<Constructor, Map<string, string | undefined>>();

/** The scalar a class declares for a property (TypeScript's emitted design type), if it declares one. */
function scalarTypeOf(owner: Constructor, property: string): string | undefined {
  let scalars = scalarsByClass.get(owner);
  if (!scalars) scalarsByClass.set(owner, (scalars = new Map<string, string | undefined>()));
  if (scalars.has(property)) return scalars.get(property);
  const reflect = Reflect as unknown as { getMetadata?: (key: string, target: object, property: string) => unknown };
  const type = reflect.getMetadata?.('design:type', owner.prototype as object, property);
  // A key the class does not declare is not kept: inputs' unknown keys would grow the map without bound.
  if (type !== undefined) scalars.set(property, SCALARS.get(type));
  return SCALARS.get(type);
}

const isHolder = (value: unknown): value is Holder => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every bound `input` (read as a `type`) breaks, and every scalar field holding an object or a list, with its path. Iterative and linear in the
 * objects it visits; it never descends into a list that is over its bound.
 */
export function boundsBroken(input: unknown, type: Constructor): FieldError[] {
  const broken: FieldError[] = [];
  const pending: Array<{ value: unknown; type: Constructor; path: string }> = [{ value: input, type, path: '' }];
  while (pending.length > 0) {
    const { value, type: owner, path } = pending.pop()!;
    if (!isHolder(value)) continue;
    for (const [key, field] of Object.entries(value)) {
      const scalar = typeof field === 'object' && field !== null ? scalarTypeOf(owner, key) : undefined;
      if (scalar) broken.push({ path: path ? `${path}.${key}` : key, reason: `${key} must be a ${scalar}, not ${Array.isArray(field) ? 'a list' : 'an object'}` });
    }
    for (const rule of rulesOf(owner)) {
      const fieldPath = path ? `${path}.${rule.property}` : rule.property;
      if (rule.kind === 'check') {
        const reason = rule.check(value);
        if (reason !== undefined) broken.push({ path: fieldPath, reason });
        continue;
      }
      const child = Object.hasOwn(value, rule.property) ? value[rule.property] : undefined;
      if (rule.maxItems === undefined) {
        if (rule.type) pending.push({ value: child, type: rule.type(), path: fieldPath });
        continue;
      }
      if (!Array.isArray(child)) continue;
      if (child.length > rule.maxItems) {
        broken.push({ path: fieldPath, reason: listBoundReason(rule.property, rule.maxItems) });
        continue;
      }
      if (rule.type) {
        const itemType = rule.type();
        child.forEach((item, index) => pending.push({ value: item, type: itemType, path: `${fieldPath}[${index}]` }));
      }
    }
  }
  return broken;
}
