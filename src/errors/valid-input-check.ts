import { getMetadataStorage, type ValidationArguments, ValidationTypes, type ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Grouped = ReturnType<Storage['groupByPropertyName']>;

interface Validator {
  validate(value: unknown, args: ValidationArguments): unknown;
}

/** One decorator's rule: its metadata and the validators class-validator would run for it. */
interface Rule {
  metadata: Metadata;
  validators: Validator[];
}

/** One property's rules, split as class-validator splits them before running them. */
interface PropertyRules {
  name: string;
  conditions: Metadata[];
  /** Its presence rules (IsDefined) first, then its other rules, in class-validator's order. */
  checks: Rule[];
  nested: Metadata[];
}

interface ClassRules {
  grouped: Grouped;
  properties: PropertyRules[];
}

/** Per class and schema: its rules, or null when they hold something this check leaves to class-validator. */
const rulesByClass = new WeakMap<object, Map<string | undefined, ClassRules | null>>();

/**
 * Whether class-validator would find no error in `object` (an instance class-transformer built):
 * the same rules, read from its metadata storage, run in the same way by the same validators. It
 * answers false whenever anything breaks or it is unsure (an async rule, a Set, other options),
 * and class-validator then runs as ever and writes the errors; so only valid input skips it.
 * Written here because class-validator builds an error object per property, filters each
 * property's rules five times and creates a closure per rule on every object it validates, valid
 * or not, with no option to skip that: it was ~13% of the main thread's time per new order.
 */
export function passesEveryRule(object: object, options: ValidatorOptions | undefined): boolean {
  return options !== undefined && handledOptions(options) && objectPasses(object, undefined);
}

/** The options the pipe validates with (inputValidationPipe); any other setting goes to class-validator. */
function handledOptions(options: ValidatorOptions): boolean {
  return (
    options.whitelist === true &&
    options.forbidNonWhitelisted === true &&
    options.forbidUnknownValues !== false &&
    !options.groups?.length &&
    !options.always &&
    !options.strictGroups &&
    !options.skipMissingProperties &&
    !options.skipNullProperties &&
    !options.skipUndefinedProperties &&
    !options.stopAtFirstError
  );
}

/** As ValidationExecutor.execute, answering whether it would push no error. */
function objectPasses(object: object, schema: string | undefined): boolean {
  const rules = rulesOf(object.constructor, schema);
  if (!rules) return false;
  // Keys without rules are refused (forbidNonWhitelisted), by class-validator's own test of the grouped rules.
  for (const key of Object.keys(object)) {
    const group = rules.grouped[key];
    if (!group || group.length === 0) return false;
  }
  const holder = object as Record<string, unknown>;
  // The same for every rule of the object: read once, where class-validator reads it per rule.
  const targetName = object.constructor ? object.constructor.name : (undefined as unknown as string);
  for (const property of rules.properties) {
    const value = holder[property.name];
    // Every condition is evaluated, as class-validator does, before any is acted on.
    let applies = true;
    for (const condition of property.conditions) applies = (condition.constraints[0] as (o: object, v: unknown) => boolean)(object, value) && applies;
    if (!applies) continue;
    for (const rule of property.checks) if (!rulePasses(object, targetName, value, rule)) return false;
    if (value !== undefined && property.nested.length > 0 && !nestedPasses(value, property.nested)) return false;
  }
  return true;
}

/** As ValidationExecutor.nestedValidations (an array's items each pass through it again). */
function nestedPasses(value: unknown, nested: Metadata[]): boolean {
  if (value === undefined) return true;
  for (const metadata of nested) {
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (!nestedPasses(item, nested)) return false;
    } else if (value instanceof Set || value instanceof Map) {
      return false;
    } else if (value instanceof Object) {
      const target = metadata.target as string | (abstract new () => unknown);
      if (!objectPasses(value, typeof target === 'string' ? target : target.name)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** As ValidationExecutor.customValidations for one rule. */
function rulePasses(object: object, targetName: string, value: unknown, { metadata, validators }: Rule): boolean {
  if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
  for (const validator of validators) {
    const args: ValidationArguments = { targetName, property: metadata.propertyName, object, value, constraints: metadata.constraints };
    if (!metadata.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
      if (!isTrue(validator.validate(value, args))) return false;
    } else {
      if (!Array.isArray(value)) return false;
      for (const item of value as unknown[]) if (!isTrue(validator.validate(item, args))) return false;
    }
  }
  return true;
}

/** A promise (an async rule) is not judged here. */
const isTrue = (answer: unknown): boolean => Boolean(answer) && !(typeof answer === 'object' && typeof (answer as { then?: unknown }).then === 'function');

const HANDLED_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
  ValidationTypes.IS_DEFINED,
]);

/**
 * A class's rules are all registered when it is defined, before anything is validated as one
 * (as validation-metadata-cache.ts relies on too), so they are read once per class and schema.
 */
function rulesOf(type: unknown, schema: string | undefined): ClassRules | null {
  if (typeof type !== 'function') return null;
  let bySchema = rulesByClass.get(type);
  if (!bySchema) rulesByClass.set(type, (bySchema = new Map<string | undefined, ClassRules | null>()));
  let rules = bySchema.get(schema);
  if (rules === undefined) bySchema.set(schema, (rules = readRules(type, schema)));
  return rules;
}

function readRules(type: object, schema: string | undefined): ClassRules | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type as Parameters<Storage['getTargetValidationMetadatas']>[0], schema as string, false, false, undefined);
  // No rules at all is an unknown value (forbidUnknownValues): class-validator says so.
  if (metadatas.length === 0 || metadatas.some((metadata) => !HANDLED_TYPES.has(metadata.type))) return null;
  const ruleOf = (metadata: Metadata): Rule | null => {
    const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
    if (constraints.some((constraint) => constraint.async)) return null;
    return { metadata, validators: constraints.map((constraint) => constraint.instance) };
  };
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyRules[] = [];
  for (const [name, group] of Object.entries(grouped)) {
    const defined = group.filter((metadata) => metadata.type === ValidationTypes.IS_DEFINED).map(ruleOf);
    const custom = group.filter((metadata) => metadata.type === ValidationTypes.CUSTOM_VALIDATION).map(ruleOf);
    if (defined.includes(null) || custom.includes(null)) return null;
    properties.push({
      name,
      conditions: group.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION),
      checks: [...defined, ...custom] as Rule[],
      nested: group.filter((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION),
    });
  }
  return { grouped, properties };
}
