/** What the register says a tender should hold, and what the cashier counted (or the terminal batch totalled). */
export interface TenderCount {
  tender: string;
  expectedMinor: number;
  countedMinor: number;
}

export interface CloseRegister {
  kind: 'CloseRegister';
  storeId: string;
  registerId: string;
  /** The store's trading day, `YYYY-MM-DD`; the posting date of the over/short. */
  businessDate: string;
  /** The legal entity the store belongs to: its entries are batched under it. */
  companyCode: string;
  currency: string;
  tenders: TenderCount[];
  closedAt: string;
  closedBy?: string;
}

export type RegisterCloseCommand = CloseRegister;
