import type { TransformerPackage } from '@nestjs/common/interfaces/external/transformer-package.interface';
import { type ClassTransformOptions, classToPlain, plainToInstance, type TransformMetadata, TransformationType, type TypeMetadata } from 'class-transformer';
import { defaultOptions } from 'class-transformer/cjs/constants/default-options.constant';
import { defaultMetadataStorage as storage } from 'class-transformer/cjs/storage';

/** What the fast copy cannot build exactly as class-transformer would: the library builds it. */
const UNSURE = Symbol('unsure');

/** A class the pipe builds input as (a DTO), or one its @Type names. */
type InputClass = new () => object;

/** One property of a class as class-transformer reads it from its metadata: its @Type and its @Transforms. */
interface PropertyPlan {
  type: TypeMetadata | undefined;
  transforms: TransformMetadata[];
  /** A getter or method of the prototype by that name: class-transformer leaves such a key out. */
  prototypeHas: boolean;
}

interface ClassPlan {
  properties: Map<string, PropertyPlan | null>;
}

/** Read once: class-transformer re-exports its enums through getters. */
const PLAIN_TO_CLASS = TransformationType.PLAIN_TO_CLASS;

/** Types class-transformer converts values to (no input class of ours has a field of them): left to it. */
const CONVERTED = new Set<unknown>([String, Number, Boolean, Date, Buffer]);

/** Property names kept per class: the names of a class's fields, bounded so that unknown keys sent by clients cannot grow it. */
const PROPERTIES_KEPT = 256;

/** Per class: how its properties are built, or null when the class uses what this copy leaves to the library (@Expose, @Exclude). */
const plans = new WeakMap<InputClass, ClassPlan | null>();

/**
 * The transformer the input validation pipe builds request instances with: class-transformer's
 * `plainToInstance`, and for parsed input (plain objects, arrays and primitives) of classes that
 * use only @Type and @Transform, the same instance built straight from the same metadata. The
 * library walks its metadata storage several times per property of every object it builds (the
 * ancestors of the class, the exposed and excluded names, the transforms, filtered anew each
 * time): that was ~6% of the main thread's time per new order, the largest share of any library.
 * Anything else (options, Dates, Maps, a class with @Expose or @Exclude, a discriminator, a
 * non-plain object) goes to the library, so the result is always the library's.
 */
export const inputInstances: TransformerPackage = {
  plainToInstance: <T>(cls: new () => T, plain: unknown, options?: ClassTransformOptions): T | T[] => inputInstanceOf(cls, plain, options) ?? plainToInstance(cls, plain, options),
  classToPlain,
};

/** The instance class-transformer's `plainToInstance` would build, or undefined where the input or the class is left to the library. */
export function inputInstanceOf<T>(cls: new () => T, plain: unknown, options?: ClassTransformOptions): T | undefined {
  if (options !== undefined && Object.keys(options).length > 0) return undefined;
  const copied = copy(plain, cls as InputClass, { ...defaultOptions });
  return copied === UNSURE ? undefined : (copied as T);
}

/** class-transformer's PLAIN_TO_CLASS `transform` for what parsed input holds, UNSURE for anything else. */
function copy(value: unknown, type: InputClass | undefined, options: ClassTransformOptions): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const copied = copy(item, type, options);
      if (copied === UNSURE) return UNSURE;
      items.push(copied);
    }
    return items;
  }
  if (type !== undefined && CONVERTED.has(type)) return UNSURE;
  if (typeof value !== 'object' || value === null) return value;
  // Parsed JSON holds plain objects only; a Date, a Map, a class instance or a promise goes to the library,
  // and so does an own `constructor` key (the library takes its value for the object's class).
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.hasOwn(value, 'constructor')) return UNSURE;
  return type === undefined ? copyPlain(value as Record<string, unknown>, options) : copyInto(value as Record<string, unknown>, type, options);
}

/** A nested object with no @Type: a plain object with its keys copied, as class-transformer does. */
function copyPlain(value: Record<string, unknown>, options: ClassTransformOptions): unknown {
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || skipped(Object.prototype, copied, key)) continue;
    const item = copy(value[key], undefined, options);
    if (item === UNSURE) return UNSURE;
    copied[key] = item;
  }
  return copied;
}

function copyInto(value: Record<string, unknown>, type: InputClass, options: ClassTransformOptions): unknown {
  const plan = planOf(type);
  if (!plan || typeof type.prototype !== 'object') return UNSURE;
  const instance = new type() as Record<string, unknown>;
  if (instance.constructor !== type) return UNSURE;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    const property = propertyOf(plan, type, key);
    if (!property) return UNSURE;
    const subValue = value[key];
    // Called as the library calls it, before anything else is decided about the property.
    const subType = (
      property.type ? (property.type.typeFunction ? property.type.typeFunction({ newObject: instance, object: value, property: key }) : property.type.reflectedType) : undefined
    ) as InputClass | undefined;
    if (Array.isArray(subValue) && property.type && property.type.reflectedType !== Array) return UNSURE;
    if (property.prototypeHas || instance[key] instanceof Function) continue;
    let copied = copy(subValue, subType, options);
    if (copied === UNSURE) return UNSURE;
    for (const transform of property.transforms) copied = transform.transformFn({ value: copied, key, obj: value, type: PLAIN_TO_CLASS, options });
    instance[key] = copied;
  }
  return instance;
}

/** The library's test for a key it leaves out: a getter or method of the prototype, or a function already there. */
function skipped(prototype: object, target: Record<string, unknown>, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  return (descriptor !== undefined && !descriptor.set) || target[key] instanceof Function;
}

function planOf(type: InputClass): ClassPlan | null {
  let plan = plans.get(type);
  if (plan === undefined) {
    const plain = storage.getStrategy(type) === 'none' && storage.getExposedMetadatas(type).length === 0 && storage.getExcludedMetadatas(type).length === 0;
    plans.set(type, (plan = plain ? { properties: new Map() } : null));
  }
  return plan;
}

/**
 * A property's metadata, read once per class and name: a class's metadata is all registered when
 * it is defined (its ancestors' before it), before any input is built as one. Null when it holds
 * what this copy leaves to the library.
 */
function propertyOf(plan: ClassPlan, type: InputClass, key: string): PropertyPlan | null {
  const known = plan.properties.get(key);
  if (known !== undefined) return known;
  const typeMetadata = storage.findTypeMetadata(type, key);
  const leftToLibrary =
    typeMetadata !== undefined && (typeMetadata.options?.discriminator !== undefined || typeMetadata.reflectedType === Map || typeMetadata.reflectedType === Set);
  const descriptor = Object.getOwnPropertyDescriptor(type.prototype, key);
  const property = leftToLibrary
    ? null
    : {
        type: typeMetadata,
        transforms: storage.findTransformMetadatas(type, key, PLAIN_TO_CLASS).filter((metadata) => !metadata.options?.groups?.length),
        prototypeHas: descriptor !== undefined && !descriptor.set,
      };
  if (plan.properties.size < PROPERTIES_KEPT) plan.properties.set(key, property);
  return property;
}
