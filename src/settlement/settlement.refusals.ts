import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/** Every reason a settlement command can be refused; stable codes for API clients. */
export const SETTLEMENT_REFUSALS = [
  'SETTLEMENT_ALREADY_REPORTED',
  'SETTLEMENT_NOT_FOUND',
  'NET_MISMATCH',
  'CURRENCY_MISMATCH',
  'DUPLICATE_TRANSACTION',
  'AMOUNT_SIGN_MISMATCH',
  'TRANSACTION_NOT_FOUND',
  'TRANSACTION_ALREADY_MATCHED',
  'INVALID_CURRENCY',
  'INVALID_AMOUNT',
  'INVALID_DATE',
  'INVALID_TIMESTAMP',
] as const;

export type SettlementRefusalCode = (typeof SETTLEMENT_REFUSALS)[number];

export function refuse(code: SettlementRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
