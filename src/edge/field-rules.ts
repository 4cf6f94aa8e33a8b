import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { instantMs } from '../time/instant';
import { isCalendarDate } from '../time/calendar-date';

/**
 * Field rules shared by the HTTP and gRPC request DTOs, so a bad value gets a 400 with its path
 * at the edge instead of a business refusal deep in a decider.
 */

/** Ids the channels and providers send (orders, payouts, stores ...): plain, bounded, no spaces or unicode look-alikes. */
export const ENTITY_ID = /^[A-Za-z0-9._:\-/]{1,128}$/;

/** Far above any real amount, far below 2^53: arithmetic over thousands of lines stays exact. */
export const MAX_MINOR_UNITS = 1_000_000_000_000;

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
export const EmptyIsAbsent = () => Transform(({ value }) => (value === '' ? undefined : value));

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
 * A whole number of minor units within ±1e12 (or from `min`). gRPC carries these as int64,
 * which the loader hands over as decimal strings; proto3's JSON mapping allows the same string
 * form, so a string of digits is read as the number it spells and anything else is refused.
 */
export const IsMinorUnits = (min = -MAX_MINOR_UNITS) =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: '$property must be a whole number of minor units' }),
    Min(min),
    Max(MAX_MINOR_UNITS),
  );

/** An ISO timestamp with an explicit offset, on a day that exists: the same rule the deciders apply. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => typeof value === 'string' && value.length <= 40 && instantMs(value) !== undefined,
      defaultMessage: () => '$property must be an ISO timestamp with an offset, e.g. 2026-11-27T10:00:00Z',
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
      validate: (value) =>
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= maxEntries &&
        Object.entries(value).every(([key, text]) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key) && typeof text === 'string' && text.length <= maxLength),
      defaultMessage: () => `$property must map at most ${maxEntries} plain names to strings of at most ${maxLength} characters`,
    },
  });
