import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsString, Matches, Max, Min, registerDecorator, ValidateIf } from 'class-validator';
import { LONGEST_WAIT_SECONDS } from '../../edge/conditional-read';
import { ENTITY_ID, IsInstant, IsMinorUnits, listRules, MAX_MINOR_UNITS, nestedObjectRules, OnlyWhen } from '../../edge/field-rules';
import { isCurrencyCode } from '../../money/currency';

/**
 * The field shapes every order DTO is built from, with their bounds and their OpenAPI
 * description in one place, so HTTP bodies and gRPC messages are held to the same rules.
 * Optional fields may be omitted; `null` is refused, so a command never carries one. Ids are
 * plain ASCII (ENTITY_ID), so zero-width, bidi-override and look-alike characters cannot hide in one.
 */

/** Free text (reasons): any script, but no control or invisible format characters (\p{Cf} holds zero-width and bidi overrides). */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cf}]+$/u;
/** Printable ASCII without spaces: references into other systems. */
const REFERENCE = /^[\x21-\x7e]+$/;
const MAX_QUANTITY = 10_000;

interface FieldOptions {
  description: string;
  optional?: boolean;
  /** Part of one variant of a discriminated object: `[discriminator, variant]`. */
  onlyWhen?: [string, string];
  example?: unknown;
}

function optionality(options: FieldOptions, property: string): PropertyDecorator[] {
  if (options.onlyWhen) {
    const [discriminator, variant] = options.onlyWhen;
    return [ValidateIf((o: Record<string, unknown>) => o[discriminator] === variant || o[property] !== undefined), PresentExactlyWhen(discriminator, variant)];
  }
  return options.optional ? [ValidateIf((o: Record<string, unknown>) => o[property] !== undefined)] : [IsDefined()];
}

/** One decorator per field: `property` names it so an optional field can be skipped when absent. */
function field(property: string, options: FieldOptions, api: Record<string, unknown>, ...rules: PropertyDecorator[]) {
  return applyDecorators(
    ApiProperty({ description: options.description, required: !options.optional && !options.onlyWhen, example: options.example, ...api }),
    ...optionality(options, property),
    ...rules,
  );
}

export const IdField = (property: string, options: FieldOptions) =>
  field(
    property,
    options,
    { type: String, pattern: ENTITY_ID.source, maxLength: 128 },
    IsString(),
    Matches(ENTITY_ID, { message: `${property} must be 1-128 of A-Z a-z 0-9 . _ : - /` }),
  );

export const TextField = (property: string, maxLength: number, options: FieldOptions) =>
  field(
    property,
    options,
    { type: String, maxLength },
    IsString(),
    Matches(PLAIN_TEXT, { message: `${property} must not contain control or invisible characters` }),
    Matches(new RegExp(`^[\\s\\S]{1,${maxLength}}$`, 'u'), { message: `${property} must be 1-${maxLength} characters` }),
  );

export const ReferenceField = (property: string, maxLength: number, options: FieldOptions) =>
  field(
    property,
    options,
    { type: String, maxLength },
    IsString(),
    Matches(REFERENCE, { message: `${property} must be printable ASCII without spaces` }),
    Matches(new RegExp(`^.{1,${maxLength}}$`), { message: `${property} must be 1-${maxLength} characters` }),
  );

export const PatternField = (property: string, pattern: RegExp, options: FieldOptions & { rule: string }) =>
  field(property, options, { type: String, pattern: pattern.source }, IsString(), Matches(pattern, { message: `${property} must be ${options.rule}` }));

/** Whole minor units, 0..1e12; a string of digits is read as the number (proto3's JSON form of int64). */
export const AmountField = (property: string, options: FieldOptions) =>
  field(property, options, { type: 'integer', minimum: 0, maximum: MAX_MINOR_UNITS, format: 'int64' }, IsMinorUnits(0));

/** A stream revision an answer gave, 0 or more; gRPC's int64 arrives as a string of digits, read as the number it spells. */
export const RevisionField = (property: string, options: FieldOptions) =>
  field(
    property,
    options,
    { type: 'integer', minimum: 0, format: 'int64' },
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: `${property} must be a whole number` }),
    Min(0, { message: `${property} must be 0 or more` }),
  );

/** Whole seconds a read may wait for a change, 0 to LONGEST_WAIT_SECONDS; only alongside `revisionProperty`, the revision it waits to leave. */
export const WaitSecondsField = (property: string, revisionProperty: string, options: FieldOptions) =>
  field(
    property,
    options,
    { type: 'integer', minimum: 0, maximum: LONGEST_WAIT_SECONDS },
    IsInt({ message: `${property} must be a whole number of seconds` }),
    Min(0, { message: `${property} must be 0-${LONGEST_WAIT_SECONDS} seconds` }),
    Max(LONGEST_WAIT_SECONDS, { message: `${property} must be 0-${LONGEST_WAIT_SECONDS} seconds` }),
    OnlyWhen((request: Record<string, unknown>) => request[revisionProperty] !== undefined, `a read that names ${revisionProperty}`),
  );

export const QuantityField = (property = 'quantity') =>
  field(property, { description: 'Units, 1-10000.', example: 2 }, { type: 'integer', minimum: 1, maximum: MAX_QUANTITY }, IsInt(), Min(1), Max(MAX_QUANTITY));

export const CurrencyField = (property = 'currency') =>
  field(
    property,
    { description: 'ISO 4217 alphabetic code.', example: 'USD' },
    { type: String, pattern: '^[A-Z]{3}$' },
    IsString(),
    Matches(/^[A-Z]{3}$/, { message: `${property} must be three capital letters` }),
    knownCurrency(),
  );

export const TimestampField = (property: string, options: FieldOptions) =>
  field(property, { example: '2026-11-27T10:00:00Z', ...options }, { type: String, format: 'date-time' }, IsInstant());

export const FlagField = (property: string, options: FieldOptions) => field(property, options, { type: Boolean }, IsBoolean());

export const ChoiceField = (property: string, choices: readonly string[], options: FieldOptions) =>
  field(property, options, { enum: choices }, IsIn(choices, { message: `${property} must be one of ${choices.join(', ')}` }));

/** A nested object; its class's own rules bound it, so nesting is only as deep as the shapes. */
export const ObjectField = (property: string, type: () => new () => object, options: FieldOptions) => field(property, options, lazyType(type), ...nestedObjectRules(type));

export const ListField = (property: string, type: () => new () => object, bounds: { min: number; max: number }, options: FieldOptions) =>
  field(property, options, { ...lazyType(type), isArray: true, minItems: bounds.min, maxItems: bounds.max }, ...listRules(bounds, type));

/** @nestjs/swagger recognises a lazy type by its function name, `type`, as an object literal gives it. */
const lazyType = (type: () => new () => object) => ({ type: () => type() });

function knownCurrency(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'knownCurrency',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must be a known ISO 4217 currency` },
      validator: { validate: (value: unknown) => isCurrencyCode(value) },
    });
}

/** A discriminated object's variant field: present exactly when `discriminator` has `variant`. */
function PresentExactlyWhen(discriminator: string, variant: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'onlyWhen',
      target: target.constructor,
      propertyName: String(property),
      constraints: [discriminator, variant],
      options: { message: `${String(property)} is required when ${discriminator} is ${variant}, and not allowed otherwise` },
      validator: {
        validate: (value: unknown, args) => ((args?.object as Record<string, unknown>)[discriminator] === variant) === (value !== undefined),
      },
    });
}
