import { isCurrencyCode, isMinorUnits, type Money } from '../money';
import { instantMs } from '../time/instant';
import type { AmountInput } from './promotion.commands';
import { type PromotionRefusalCode, refuse } from './promotion.refusals';

// The edge validates shapes; these checks hold the invariants for any caller of the decider.

export function checkMoney(input: AmountInput, amountCode: PromotionRefusalCode): Money {
  if (!isCurrencyCode(input.currency)) refuse('INVALID_CURRENCY', `${JSON.stringify(input.currency)} is not an ISO 4217 currency`);
  if (!isMinorUnits(input.amountMinor, 1)) {
    refuse(amountCode, 'the amount must be a positive whole number of minor units, at most 10^12', { amountMinor: input.amountMinor });
  }
  return { amountMinor: input.amountMinor, currency: input.currency };
}

export function checkInstant(text: string): number {
  const ms = instantMs(text);
  if (ms === undefined) refuse('INVALID_TIMESTAMP', `${JSON.stringify(text)} is not an ISO timestamp with an offset`);
  return ms;
}
