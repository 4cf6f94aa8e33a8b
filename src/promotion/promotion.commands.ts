/** Money as it arrives on a command: not yet checked to be an integer or a known currency. */
export interface AmountInput {
  amountMinor: number;
  currency: string;
}

/** A fixed amount off (per unit, across the order or once, see `allocation`), or a percentage such as "10%". */
export type BenefitInput = { type: 'fixed'; amount: AmountInput } | { type: 'percentage'; rate: string };

/**
 * How the benefit meets an order: `each` eligible unit, spread `across` the eligible lines
 * (largest remainder), or `once` on a single line.
 */
export type BenefitAllocation = 'each' | 'across' | 'once';

/** Who pays for the discount. A vendor may fund only a share of it, e.g. "50%". */
export type FundingInput = { source: 'retailer' } | { source: 'vendor'; vendorId: string; fundedShare: string };

/** Free-form attributes finance maps to its ledger (cost center, GL hint, campaign ...). */
export interface AccountingAttributes {
  costCenter?: string;
  glHint?: string;
  [attribute: string]: string | undefined;
}

export interface DefinePromotion {
  kind: 'DefinePromotion';
  promotionId: string;
  code: string;
  name: string;
  /** ISO timestamps; the window includes `from` and ends just before `to`. */
  window: { from: string; to: string };
  eligibleSkus: 'all' | string[];
  benefit: BenefitInput;
  allocation: BenefitAllocation;
  funding: FundingInput;
  reducesTaxBase: boolean;
  accounting: AccountingAttributes;
  /** Most the promotion may cost, net of releases and clawbacks. */
  budget?: AmountInput;
  /** Most orders that may hold the promotion at once (released orders give their use back). */
  usageLimit?: number;
  definedAt: string;
}

export interface ActivatePromotion {
  kind: 'ActivatePromotion';
  promotionId: string;
  at: string;
}

export interface DeactivatePromotion {
  kind: 'DeactivatePromotion';
  promotionId: string;
  at: string;
  reason?: string;
}

/** A channel's answer to publishing the promotion to it. */
export interface RecordPublication {
  kind: 'RecordPublication';
  promotionId: string;
  channel: string;
  status: 'published' | 'failed';
  reason?: string;
  at: string;
}

/** The discount this promotion gave on one order, in total over its lines. */
export interface RecordApplication {
  kind: 'RecordApplication';
  promotionId: string;
  orderId: string;
  amount: AmountInput;
  at: string;
}

/** Compensation when the order is cancelled: gives back its usage and budget. */
export interface ReleaseApplication {
  kind: 'ReleaseApplication';
  promotionId: string;
  orderId: string;
  at: string;
}

/** The part of an order's discount taken back because units were returned. */
export interface RecordClawback {
  kind: 'RecordClawback';
  promotionId: string;
  orderId: string;
  returnId: string;
  amountMinor: number;
  at: string;
}

export type PromotionCommand = DefinePromotion | ActivatePromotion | DeactivatePromotion | RecordPublication | RecordApplication | ReleaseApplication | RecordClawback;
