import type { AccountRole } from '../posting/account-roles';

/**
 * Every role the posting rules use, at run time, so a chart naming a role that does not exist
 * (a typo would otherwise leave the real role unmapped) is refused at start. Includes the
 * settlement, POS and gift-card roles.
 */
export const KNOWN_ACCOUNT_ROLES = [
  'psp.clearing',
  'psp.disputed-funds',
  'bank',
  'liability.customer-deposits',
  'liability.gift-card',
  'liability.refunds-payable',
  'cash.register-clearing',
  'cash.deposit-in-transit',
  'discount.retailer',
  'discount.vendor',
  'revenue.merchandise',
  'revenue.services',
  'revenue.gift-cards',
  'revenue.consignment',
  'revenue.shipping',
  'revenue.returns',
  'tax.payable',
  'tax.channel-remitted',
  'receivable.vendor-promo',
  'cogs.vendor-funding',
  'expense.payment-fees',
  'expense.dispute-fees',
  'expense.dispute-losses',
  'expense.psp-adjustments',
  'expense.cash-over-short',
] as const;

/** Compile-time guard: a role added to the posting rules but missing above fails the build here. */
export const EVERY_POSTING_ROLE_IS_KNOWN: readonly (typeof KNOWN_ACCOUNT_ROLES)[number][] = [] as AccountRole[];

export function isKnownAccountRole(role: string): boolean {
  return (KNOWN_ACCOUNT_ROLES as readonly string[]).includes(role);
}
