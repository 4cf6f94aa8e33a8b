import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/** Every reason a gift card command can be refused; stable codes for API clients. */
export const GIFT_CARD_REFUSALS = ['GIFT_CARD_ALREADY_SOLD', 'INVALID_AMOUNT', 'INVALID_CURRENCY', 'INVALID_TIMESTAMP'] as const;

export type GiftCardRefusalCode = (typeof GIFT_CARD_REFUSALS)[number];

export function refuse(code: GiftCardRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
