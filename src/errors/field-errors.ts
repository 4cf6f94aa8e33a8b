import type { ValidationError } from 'class-validator';
import type { FieldError } from './api-error';

/**
 * Flattens class-validator's tree into one entry per broken rule, with paths as a client
 * writes them: `lines[2].quantity`, `customer.email`.
 */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = pathOf(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ path, reason }));
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

function pathOf(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
