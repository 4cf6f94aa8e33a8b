import { type CurrencyCode, rate } from '../money';
import { instantMs } from '../time/instant';
import { checkInstant, checkMoney } from './promotion-checks';
import type { DefinePromotion } from './promotion.commands';
import type { Benefit, Funding, PromotionDefinition } from './promotion.events';
import { refuse } from './promotion.refusals';

/** Checks a definition's terms and returns them as they will be recorded. */
export function checkDefinition(command: DefinePromotion): PromotionDefinition {
  const from = instantMs(command.window.from);
  const to = instantMs(command.window.to);
  if (from === undefined || to === undefined || from >= to) {
    refuse('INVALID_WINDOW', 'the window needs ISO timestamps with `from` before `to`', { window: command.window });
  }
  checkInstant(command.definedAt);
  checkEligibility(command.eligibleSkus);
  const benefit = checkBenefit(command);
  const budget = command.budget && checkMoney(command.budget, 'INVALID_BUDGET');
  if (budget && benefit.type === 'fixed' && budget.currency !== benefit.amount.currency) {
    refuse('CURRENCY_MISMATCH', 'the budget and the fixed benefit must be in one currency', {
      budgetCurrency: budget.currency,
      benefitCurrency: benefit.amount.currency,
    });
  }
  const { usageLimit } = command;
  if (usageLimit !== undefined && !(Number.isSafeInteger(usageLimit) && usageLimit > 0)) {
    refuse('INVALID_USAGE_LIMIT', 'the usage limit must be a positive whole number', { usageLimit });
  }
  return {
    promotionId: command.promotionId,
    code: command.code,
    name: command.name,
    window: { from: command.window.from, to: command.window.to },
    eligibleSkus: command.eligibleSkus === 'all' ? 'all' : [...command.eligibleSkus],
    benefit,
    allocation: command.allocation,
    funding: checkFunding(command.funding),
    reducesTaxBase: command.reducesTaxBase,
    accounting: { ...command.accounting },
    ...(budget && { budget }),
    ...(usageLimit !== undefined && { usageLimit }),
    definedAt: command.definedAt,
  };
}

/** The one currency a promotion's money is kept in, when its terms name one. */
export function promotionCurrency(definition: PromotionDefinition): CurrencyCode | undefined {
  return definition.benefit.type === 'fixed' ? definition.benefit.amount.currency : definition.budget?.currency;
}

function checkEligibility(skus: DefinePromotion['eligibleSkus']): void {
  if (skus === 'all') return;
  const valid = skus.length > 0 && skus.every((sku) => typeof sku === 'string' && sku.trim() !== '') && new Set(skus).size === skus.length;
  if (!valid) refuse('INVALID_ELIGIBILITY', 'eligible SKUs must be "all" or distinct, non-empty SKUs', { eligibleSkus: skus });
}

function checkBenefit(command: DefinePromotion): Benefit {
  const { benefit } = command;
  if (benefit.type === 'fixed') return { type: 'fixed', amount: checkMoney(benefit.amount, 'INVALID_BENEFIT') };
  if (!isShare(benefit.rate)) refuse('INVALID_BENEFIT', 'a percentage benefit must be above 0% and at most 100%', { rate: benefit.rate });
  return { type: 'percentage', rate: benefit.rate };
}

function checkFunding(funding: DefinePromotion['funding']): Funding {
  if (funding.source === 'retailer') return { source: 'retailer' };
  if (funding.vendorId.trim() === '' || !isShare(funding.fundedShare)) {
    refuse('INVALID_FUNDING', 'vendor funding needs a vendor id and a funded share above 0% and at most 100%', { funding });
  }
  return { source: 'vendor', vendorId: funding.vendorId, fundedShare: funding.fundedShare };
}

/** A rate in (0, 1]: a discount percentage or a vendor's funded share. */
function isShare(text: string): boolean {
  try {
    const share = rate(text);
    return share.numerator > 0n && share.numerator <= share.denominator;
  } catch {
    return false;
  }
}
