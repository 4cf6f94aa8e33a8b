import { currencyCode } from '../../src/money';
import type { DefinePromotion } from '../../src/promotion/promotion.commands';
import type { PromotionDefinition, PromotionEvent } from '../../src/promotion/promotion.events';

export const USD = currencyCode('USD');
export const WINDOW = { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' };
export const DURING = '2026-11-27T10:00:00Z';

/** DESIGN's SAVE10: retailer funded, 10.00 across the order. */
export const defineSave10: DefinePromotion = {
  kind: 'DefinePromotion',
  promotionId: 'save10',
  code: 'SAVE10',
  name: '10.00 off your order',
  window: WINDOW,
  eligibleSkus: 'all',
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26', glHint: 'discount.retailer' },
  definedAt: '2026-11-20T09:00:00Z',
};

/** DESIGN's VEND5: vendor Acme funds 5.00 on the second line's SKU. */
export const defineVend5: DefinePromotion = {
  ...defineSave10,
  promotionId: 'vend5',
  code: 'VEND5',
  name: 'Acme: 5.00 off',
  eligibleSkus: ['ACME-KETTLE'],
  benefit: { type: 'fixed', amount: { amountMinor: 500, currency: 'USD' } },
  allocation: 'once',
  funding: { source: 'vendor', vendorId: 'acme', fundedShare: '100%' },
  accounting: { glHint: 'discount.vendor' },
};

/** What DefinePromotion records for a command: its terms, without the command kind, with checked currencies. */
export function definitionOf(command: DefinePromotion): PromotionDefinition {
  const { kind: _kind, benefit, budget, ...terms } = command;
  return {
    ...terms,
    benefit: benefit.type === 'fixed' ? { type: 'fixed', amount: { amountMinor: benefit.amount.amountMinor, currency: currencyCode(benefit.amount.currency) } } : benefit,
    ...(budget && { budget: { amountMinor: budget.amountMinor, currency: currencyCode(budget.currency) } }),
  };
}

export const defined = (command: DefinePromotion = defineSave10): PromotionEvent => ({ type: 'PromotionDefined', data: definitionOf(command) });
export const activated = (promotionId = 'save10'): PromotionEvent => ({ type: 'PromotionActivated', data: { promotionId, at: '2026-11-26T00:00:00Z' } });

export function applied(orderId: string, amountMinor: number, funding = { retailerMinor: amountMinor, vendorMinor: 0 }, promotionId = 'save10'): PromotionEvent {
  return { type: 'PromotionApplied', data: { promotionId, orderId, amountMinor, currency: USD, funding, at: DURING } };
}
