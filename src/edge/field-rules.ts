import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { listBoundReason, recordCheck, recordList, recordNested } from '../errors/input-bounds';
import { isMinorUnits, MAX_MINOR_UNITS } from '../money/minor-units';
import { INSTANT_RULE, isInstant } from '../time/instant';
import { isCalendarDate } from '../time/calendar-date';

/**
 * Field rules shared by the HTTP and gRPC request DTOs, so a bad value gets a 400 with its path
 * at the edge instead of a business refusal deep in a decider.
 */

/** Ids the channels and providers send (orders, payouts, stores ...): plain, bounded, no spaces or unicode look-alikes. */
export const ENTITY_ID = /^[A-Za-z0-9._:\-/]{1,128}$/;

export { MAX_MINOR_UNITS };

export const IsEntityId = (options: { each?: boolean } = {}) =>
  applyDecorators(IsString(options), Matches(ENTITY_ID, { ...options, message: '$property must be 1-128 letters, digits or . _ : - /' }));

/** A rate such as "50%" or "0.5" (a discount percentage, a vendor's funded share); its range is the decider's rule. */
export const IsRate = () => applyDecorators(IsString(), Matches(/^\d{1,3}(\.\d{1,6})?%?$/, { message: '$property must be a rate such as "10%" or "0.1"' }));

/**
 * For a field that belongs to one variant of a message (a fixed benefit's amount, a vendor's
 * id): sending it with another variant is refused rather than silently ignored.
 */
export const OnlyWhen = <T extends object>(applies: (object: T) => boolean, variant: string) =>
  ValidateBy({
    name: 'onlyWhen',
    validator: {
      validate: (value, args?: ValidationArguments) => value === undefined || value === null || applies(args!.object as T),
      defaultMessage: () => `$property is only for ${variant}`,
    },
  });

/** The order format's company code rule, so every fact that posts names its legal entity the same way. */
export const COMPANY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;

/**
 * The legal entity that books the fact. Recorded in the event, not looked up from configuration
 * when posting, so a rebuild batches every entry exactly as it was batched live.
 */
export const IsCompanyCode = () =>
  applyDecorators(
    ApiProperty({ example: 'US01', description: 'The legal entity that books it: posting batches are per company code' }),
    IsString(),
    Matches(COMPANY_CODE, { message: '$property must be a company code of 1-16 letters and digits' }),
  );

/** gRPC sends an unset string field as ''; over both transports an empty query filter means no filter. */
export const EmptyIsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** An optional filter on one company's rows (read views): absent or empty means every company. */
export const IsCompanyCodeFilter = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'US01', description: 'Only this company; every company when omitted' }),
    EmptyIsAbsent(),
    IsOptional(),
    IsString(),
    Matches(COMPANY_CODE, { message: '$property must be a company code of 1-16 letters and digits' }),
  );

export const IsCurrencyCode = () => applyDecorators(IsString(), Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as USD' }));

/** Free text a person reads (names, reasons): bounded, never empty. */
export const IsLabel = (maxLength: number) => applyDecorators(IsString(), Matches(/\S/, { message: '$property must not be blank' }), MaxLength(maxLength));

/**
 * A whole number of minor units within ±10^12 (or from `min`): the one amount rule of src/money.
 * gRPC carries these as int64, which the loader hands over as decimal strings; proto3's JSON
 * mapping allows the same string form, so a string of digits is read as the number it spells
 * and anything else is refused.
 */
export const IsMinorUnits = (min = -MAX_MINOR_UNITS) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value)),
    ValidateBy({
      name: 'isMinorUnits',
      validator: {
        validate: (value) => isMinorUnits(value, min),
        defaultMessage: () => `$property must be a whole number of minor units from ${min === -MAX_MINOR_UNITS ? '-10^12' : min} to 10^12`,
      },
    }),
  );

/** A business time, by the one instant rule (src/time/instant.ts) the deciders and posting rules apply too. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => isInstant(value),
      defaultMessage: () => `$property must be ${INSTANT_RULE}`,
    },
  });

export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => '$property must be a calendar date YYYY-MM-DD',
    },
  });

/** A flat map of short strings (accounting attributes): bounded in entries and lengths. */
export const IsStringMap = (maxEntries: number, maxLength: number) =>
  ValidateBy({
    name: 'isStringMap',
    validator: {
      validate: (value: unknown) =>
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= maxEntries &&
        Object.entries(value).every(([key, text]) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key) && typeof text === 'string' && text.length <= maxLength),
      defaultMessage: () => `$property must map at most ${maxEntries} plain names to strings of at most ${maxLength} characters`,
    },
  });

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * ValidateNested alone lets an array through where an object belongs (it validates the array's
 * items instead) and skips an absent value, so `"window": []`, `"discounts": [[]]` or no
 * `funding` reached the command mapping and answered 500. These rules close that: a nested
 * field is an object, a list holds objects, and both are bounded for the early size check.
 */
export const nestedObjectRules = (type: () => new () => object): PropertyDecorator[] => [
  // gRPC sends an unset message as null: absent, for the presence rule to judge.
  Transform(({ value }: { value: unknown }) => (value === null ? undefined : value)),
  ValidateBy({
    name: 'isNestedObject',
    validator: { validate: (value) => value === undefined || isPlainObject(value), defaultMessage: () => '$property must be an object' },
  }),
  ValidateNested(),
  Type(type),
  recordNested(type),
];

/** A list of at most `bounds.max` items (README "Limits"); of `type` objects when given, else of plain values. */
export const listRules = (bounds: { min?: number; max: number }, type?: () => new () => object): PropertyDecorator[] => [
  IsArray({ message: '$property must be a list' }),
  ...(bounds.min ? [ArrayMinSize(bounds.min, { message: `$property must hold at least ${bounds.min} item${bounds.min === 1 ? '' : 's'}` })] : []),
  ArrayMaxSize(bounds.max, { message: (args) => listBoundReason(args.property, bounds.max) }),
  recordList(bounds.max, type),
  ...(type
    ? [
        ValidateBy({
          name: 'isListOfObjects',
          validator: {
            validate: (value) => !Array.isArray(value) || value.every(isPlainObject),
            defaultMessage: (args?: ValidationArguments) => `${args?.property}[${(args?.value as unknown[]).findIndex((item) => !isPlainObject(item))}] must be an object`,
          },
        }),
        ValidateNested({ each: true }),
        Type(type),
      ]
    : []),
];

/** A nested object; absent (or null, as gRPC sends an unset message) only when optional. */
export const IsNestedObject = (type: () => new () => object, options: { optional?: boolean } = {}) =>
  applyDecorators(options.optional ? IsOptional() : IsDefined({ message: '$property is required' }), ...nestedObjectRules(type));

/** A bounded list, of `type` objects when given; absent only when optional. */
export const IsBoundedList = (bounds: { min?: number; max: number }, type?: () => new () => object, options: { optional?: boolean } = {}) =>
  applyDecorators(options.optional ? IsOptional() : IsDefined({ message: '$property is required' }), ...listRules(bounds, type));

/** No value twice, in one pass (class-validator's ArrayUnique compares every pair: 16.9 s for 140,000 SKUs). */
export const HasDistinctItems = () =>
  ValidateBy({
    name: 'hasDistinctItems',
    validator: {
      validate: (value) => !Array.isArray(value) || new Set(value).size === value.length,
      defaultMessage: (args?: ValidationArguments) => `$property must not list ${JSON.stringify(firstRepeated(args?.value as unknown[]))} twice`,
    },
  });

function firstRepeated(items: readonly unknown[]): unknown {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (seen.has(item)) return item;
    seen.add(item);
  }
  return undefined;
}

/**
 * A bound across the object holding the property (items of several lists together), checked
 * before validation like the list bounds and again by class-validator, with one reason.
 */
export const BoundAcross = (name: string, check: (holder: Record<string, unknown>) => string | undefined) =>
  applyDecorators(
    recordCheck(check),
    ValidateBy({
      name,
      validator: {
        validate: (_value, args?: ValidationArguments) => check(args!.object as Record<string, unknown>) === undefined,
        defaultMessage: (args?: ValidationArguments) => check(args!.object as Record<string, unknown>) ?? '',
      },
    }),
  );
