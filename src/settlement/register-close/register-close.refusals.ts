import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';

/** Every reason a register close can be refused; stable codes for API clients. */
export const REGISTER_CLOSE_REFUSALS = [
  'REGISTER_ALREADY_CLOSED',
  'NO_TENDERS',
  'DUPLICATE_TENDER',
  'INVALID_AMOUNT',
  'INVALID_CURRENCY',
  'INVALID_DATE',
  'INVALID_TIMESTAMP',
] as const;

export type RegisterCloseRefusalCode = (typeof REGISTER_CLOSE_REFUSALS)[number];

export function refuse(code: RegisterCloseRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
