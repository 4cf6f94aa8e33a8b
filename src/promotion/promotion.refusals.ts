import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/**
 * Every reason a promotion command can be refused. Clients branch on these codes, so they
 * are part of the API: add new ones, never rename.
 */
export const PROMOTION_REFUSALS = [
  'PROMOTION_ALREADY_DEFINED',
  'PROMOTION_NOT_FOUND',
  'PROMOTION_INACTIVE',
  'PROMOTION_EXPIRED',
  'PROMOTION_OUTSIDE_WINDOW',
  'PROMOTION_BUDGET_EXCEEDED',
  'PROMOTION_USAGE_LIMIT_REACHED',
  'PROMOTION_ALREADY_APPLIED',
  'APPLICATION_EXCEEDS_BENEFIT',
  'APPLICATION_NOT_FOUND',
  'CLAWBACK_EXCEEDS_APPLIED',
  'CLAWBACK_ALREADY_RECORDED',
  'PUBLICATION_REASON_REQUIRED',
  'CURRENCY_MISMATCH',
  'INVALID_WINDOW',
  'INVALID_TIMESTAMP',
  'INVALID_BENEFIT',
  'INVALID_FUNDING',
  'INVALID_BUDGET',
  'INVALID_USAGE_LIMIT',
  'INVALID_ELIGIBILITY',
  'INVALID_CURRENCY',
  'INVALID_AMOUNT',
] as const;

export type PromotionRefusalCode = (typeof PROMOTION_REFUSALS)[number];

export function refuse(code: PromotionRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
