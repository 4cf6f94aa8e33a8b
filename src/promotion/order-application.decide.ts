import { heldFunding, splitApplication, splitClawback } from './funding-split';
import { isMinorUnits, MAX_MINOR_UNITS } from '../money';
import { instantMs } from '../time/instant';
import { checkInstant, checkMoney } from './promotion-checks';
import type { RecordApplication, RecordClawback, ReleaseApplication } from './promotion.commands';
import { promotionCurrency } from './promotion-definition';
import type { PromotionApplicationReleased, PromotionApplied, PromotionClawedBack, PromotionDefinition } from './promotion.events';
import { refuse } from './promotion.refusals';
import type { PromotionState } from './promotion.state';

export function decideApplication(command: RecordApplication, definition: PromotionDefinition, state: PromotionState): PromotionApplied[] {
  const at = checkInstant(command.at);
  const amount = checkMoney(command.amount, 'INVALID_AMOUNT');
  const existing = state.applications.get(command.orderId);
  if (existing) {
    // A saga retrying with a fresh command id must not fail or count twice.
    const same = !existing.released && existing.amountMinor === amount.amountMinor && existing.currency === amount.currency;
    if (same) return [];
    refuse('PROMOTION_ALREADY_APPLIED', `order ${command.orderId} already holds this promotion`, {
      orderId: command.orderId,
      appliedMinor: existing.amountMinor,
      released: existing.released,
    });
  }
  if (!state.active) refuse('PROMOTION_INACTIVE', `promotion ${definition.code} is not active`);
  if (at < instantMs(definition.window.from)! || at >= instantMs(definition.window.to)!) {
    refuse('PROMOTION_OUTSIDE_WINDOW', `promotion ${definition.code} is not effective at ${command.at}`, { at: command.at, window: definition.window });
  }
  const currency = promotionCurrency(definition);
  if (currency !== undefined && amount.currency !== currency) {
    refuse('CURRENCY_MISMATCH', `promotion ${definition.code} is kept in ${currency}`, { expected: currency, actual: amount.currency });
  }
  const { benefit } = definition;
  // A fixed benefit spread across the order or given once can never add up to more than itself.
  if (benefit.type === 'fixed' && definition.allocation !== 'each' && amount.amountMinor > benefit.amount.amountMinor) {
    refuse('APPLICATION_EXCEEDS_BENEFIT', `promotion ${definition.code} gives at most ${benefit.amount.amountMinor} minor units per order`, {
      benefitMinor: benefit.amount.amountMinor,
      requestedMinor: amount.amountMinor,
    });
  }
  if (definition.usageLimit !== undefined && state.usageCount >= definition.usageLimit) {
    refuse('PROMOTION_USAGE_LIMIT_REACHED', `promotion ${definition.code} is held by ${state.usageCount} orders, its limit`, {
      usageLimit: definition.usageLimit,
    });
  }
  // Without a budget, the amount bound is one: a net cost stays an amount like any other.
  const budgetMinor = definition.budget?.amountMinor ?? MAX_MINOR_UNITS;
  const spentMinor = state.netCostMinor.get(amount.currency) ?? 0;
  const remainingMinor = budgetMinor - spentMinor;
  if (amount.amountMinor > remainingMinor) {
    refuse('PROMOTION_BUDGET_EXCEEDED', `promotion ${definition.code} has ${remainingMinor} minor units of budget left`, {
      budgetMinor,
      spentMinor,
      remainingMinor,
      requestedMinor: amount.amountMinor,
    });
  }
  const funding = splitApplication(amount.amountMinor, definition.funding);
  return [
    {
      type: 'PromotionApplied',
      data: { promotionId: definition.promotionId, orderId: command.orderId, amountMinor: amount.amountMinor, currency: amount.currency, funding, at: command.at },
    },
  ];
}

/**
 * Compensation for a cancelled order. Releasing an order that never held the promotion, or
 * was released already, records nothing: a compensating saga may run more than once, and
 * must be able to run even after the promotion was deactivated or has ended.
 */
export function decideRelease(command: ReleaseApplication, definition: PromotionDefinition, state: PromotionState): PromotionApplicationReleased[] {
  checkInstant(command.at);
  const application = state.applications.get(command.orderId);
  if (!application || application.released) return [];
  return [
    {
      type: 'PromotionApplicationReleased',
      data: {
        promotionId: definition.promotionId,
        orderId: command.orderId,
        amountMinor: application.amountMinor - application.clawedBackMinor,
        currency: application.currency,
        funding: heldFunding(application),
        at: command.at,
      },
    },
  ];
}

/** Returns take back their part of the discount; like releases, they are allowed after the promotion ended. */
export function decideClawback(command: RecordClawback, definition: PromotionDefinition, state: PromotionState): PromotionClawedBack[] {
  checkInstant(command.at);
  const { orderId, returnId, amountMinor } = command;
  if (!isMinorUnits(amountMinor, 1)) refuse('INVALID_AMOUNT', 'a clawback must be a positive whole number of minor units, at most 10^12', { amountMinor });
  const application = state.applications.get(orderId);
  if (!application) refuse('APPLICATION_NOT_FOUND', `order ${orderId} never held promotion ${definition.code}`, { orderId });
  const recorded = application.clawbacks.get(returnId);
  if (recorded !== undefined) {
    if (recorded === amountMinor) return [];
    refuse('CLAWBACK_ALREADY_RECORDED', `return ${returnId} already clawed back ${recorded} minor units`, { returnId, recordedMinor: recorded });
  }
  const heldMinor = application.released ? 0 : application.amountMinor - application.clawedBackMinor;
  if (amountMinor > heldMinor) {
    refuse('CLAWBACK_EXCEEDS_APPLIED', `order ${orderId} holds ${heldMinor} minor units of this promotion`, {
      appliedMinor: application.amountMinor,
      clawedBackMinor: application.clawedBackMinor,
      released: application.released,
      requestedMinor: amountMinor,
    });
  }
  return [
    {
      type: 'PromotionClawedBack',
      data: {
        promotionId: definition.promotionId,
        orderId,
        returnId,
        amountMinor,
        currency: application.currency,
        funding: splitClawback(application, amountMinor),
        at: command.at,
      },
    },
  ];
}
