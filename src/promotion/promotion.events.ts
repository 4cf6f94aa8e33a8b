import type { CurrencyCode, Money } from '../money';
import type { AccountingAttributes, BenefitAllocation } from './promotion.commands';

export type Benefit = { type: 'fixed'; amount: Money } | { type: 'percentage'; rate: string };
export type Funding = { source: 'retailer' } | { source: 'vendor'; vendorId: string; fundedShare: string };

/** The checked definition, as recorded: the terms every later decision is judged against. */
export interface PromotionDefinition {
  promotionId: string;
  code: string;
  name: string;
  window: { from: string; to: string };
  eligibleSkus: 'all' | string[];
  benefit: Benefit;
  allocation: BenefitAllocation;
  funding: Funding;
  reducesTaxBase: boolean;
  accounting: AccountingAttributes;
  budget?: Money;
  usageLimit?: number;
  definedAt: string;
}

/**
 * Who bears an amount. Recorded on every cost event so the ledger and the "promotion cost by
 * funding source" view never recompute a split with their own rounding.
 */
export interface FundingSplit {
  retailerMinor: number;
  vendorMinor: number;
}

export type PromotionDefined = { type: 'PromotionDefined'; data: PromotionDefinition };
export type PromotionActivated = { type: 'PromotionActivated'; data: { promotionId: string; at: string } };
export type PromotionDeactivated = { type: 'PromotionDeactivated'; data: { promotionId: string; at: string; reason?: string } };
export type PromotionPublished = { type: 'PromotionPublished'; data: { promotionId: string; channel: string; at: string } };
export type PromotionPublicationFailed = {
  type: 'PromotionPublicationFailed';
  data: { promotionId: string; channel: string; reason: string; at: string };
};
export type PromotionApplied = {
  type: 'PromotionApplied';
  data: { promotionId: string; orderId: string; amountMinor: number; currency: CurrencyCode; funding: FundingSplit; at: string };
};
/** What the order still held (applied less clawed back) goes back to the budget. */
export type PromotionApplicationReleased = {
  type: 'PromotionApplicationReleased';
  data: { promotionId: string; orderId: string; amountMinor: number; currency: CurrencyCode; funding: FundingSplit; at: string };
};
export type PromotionClawedBack = {
  type: 'PromotionClawedBack';
  data: {
    promotionId: string;
    orderId: string;
    returnId: string;
    amountMinor: number;
    currency: CurrencyCode;
    funding: FundingSplit;
    at: string;
  };
};

export type PromotionEvent =
  | PromotionDefined
  | PromotionActivated
  | PromotionDeactivated
  | PromotionPublished
  | PromotionPublicationFailed
  | PromotionApplied
  | PromotionApplicationReleased
  | PromotionClawedBack;
