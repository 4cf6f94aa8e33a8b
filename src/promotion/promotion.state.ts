import type { CurrencyCode } from '../money';
import type { FundingSplit, PromotionDefinition } from './promotion.events';

/** The latest answer a channel gave about publishing the promotion. */
export interface Publication {
  status: 'published' | 'failed';
  reason?: string;
  at: string;
}

/** The promotion's part in one order. */
export interface OrderApplication {
  amountMinor: number;
  currency: CurrencyCode;
  funding: FundingSplit;
  clawedBackMinor: number;
  clawedBackFunding: FundingSplit;
  /** Clawed-back amount per return, so a repeated return is recognised. */
  clawbacks: Map<string, number>;
  released: boolean;
}

export interface PromotionState {
  definition: PromotionDefinition | null;
  active: boolean;
  /** By channel name. */
  publications: Map<string, Publication>;
  /** By order id, released ones included: an order holds a promotion once. */
  applications: Map<string, OrderApplication>;
  /** Orders holding the promotion now; this is what the usage limit caps. */
  usageCount: number;
  /** What the promotion costs now per currency: applied, less clawed back, less released. */
  netCostMinor: Map<CurrencyCode, number>;
}

export function initialPromotionState(): PromotionState {
  return { definition: null, active: false, publications: new Map(), applications: new Map(), usageCount: 0, netCostMinor: new Map() };
}
