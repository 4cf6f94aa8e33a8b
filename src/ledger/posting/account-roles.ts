/**
 * Accounts by role. A chart of accounts maps each role to a GL account per company code and
 * ERP; the rules never name a GL account, so one rule set serves every retailer.
 */
export type AccountRole =
  | 'psp.clearing'
  | 'liability.customer-deposits'
  | 'liability.gift-card'
  | 'cash.register-clearing'
  | 'discount.retailer'
  | 'discount.vendor'
  | 'revenue.merchandise'
  /** Revenue of product groups that reference data maps elsewhere than merchandise (src/reference-data/). */
  | 'revenue.services'
  | 'revenue.gift-cards'
  | 'revenue.consignment'
  | 'revenue.shipping'
  | 'revenue.returns'
  | 'tax.payable'
  /**
   * Marketplace-facilitator tax: the customer paid it, but the channel, not the retailer,
   * remits it to the authority. It is kept out of tax.payable (the retailer's return would
   * overstate what it owes) and parked here until the channel's settlement withholds it.
   */
  | 'tax.channel-remitted'
  | 'receivable.vendor-promo'
  | 'cogs.vendor-funding'
  | 'liability.refunds-payable'
  | 'bank'
  | 'expense.payment-fees'
  /** Money a chargeback took back, held while the dispute runs: a won dispute returns it. */
  | 'psp.disputed-funds'
  | 'expense.dispute-fees'
  /** Disputed money the provider withdrew for good. */
  | 'expense.dispute-losses'
  /** A provider's corrections to the balance that belong to no charge (credits reduce it). */
  | 'expense.psp-adjustments'
  /** Cash counted at the register close, on its way to the bank. */
  | 'cash.deposit-in-transit'
  | 'expense.cash-over-short';
