import { allocate, applyRate, rate } from '../money';
import type { Funding, FundingSplit } from './promotion.events';
import type { OrderApplication } from './promotion.state';

/** The vendor bears its funded share of the discount (half-even); the retailer bears the rest. */
export function splitApplication(amountMinor: number, funding: Funding): FundingSplit {
  if (funding.source === 'retailer') return { retailerMinor: amountMinor, vendorMinor: 0 };
  const vendorMinor = applyRate(amountMinor, rate(funding.fundedShare));
  return { retailerMinor: amountMinor - vendorMinor, vendorMinor };
}

/**
 * A clawback reverses the order's split pro rata. The split is taken on the cumulative
 * clawed-back amount and differenced, so a run of small returns never takes back more from
 * either party than it bore, and clawing back everything reverses the split exactly.
 */
export function splitClawback(application: OrderApplication, amountMinor: number): FundingSplit {
  const weights = [application.funding.retailerMinor, application.funding.vendorMinor];
  const [, vendorSoFar] = allocate(application.clawedBackMinor + amountMinor, weights);
  const vendorMinor = vendorSoFar - application.clawedBackFunding.vendorMinor;
  return { retailerMinor: amountMinor - vendorMinor, vendorMinor };
}

/** What each party still bears for an order: released back in full when the order is cancelled. */
export function heldFunding(application: OrderApplication): FundingSplit {
  return {
    retailerMinor: application.funding.retailerMinor - application.clawedBackFunding.retailerMinor,
    vendorMinor: application.funding.vendorMinor - application.clawedBackFunding.vendorMinor,
  };
}
