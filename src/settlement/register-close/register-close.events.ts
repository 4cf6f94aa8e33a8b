import type { CurrencyCode } from '../../money';

/** `overShortMinor` = counted − expected: positive is over, negative is short. */
export interface TenderOverShort {
  tender: string;
  expectedMinor: number;
  countedMinor: number;
  overShortMinor: number;
}

export type RegisterClosed = {
  type: 'RegisterClosed';
  data: {
    storeId: string;
    registerId: string;
    businessDate: string;
    companyCode: string;
    currency: CurrencyCode;
    tenders: TenderOverShort[];
    totals: { expectedMinor: number; countedMinor: number; overShortMinor: number };
    closedAt: string;
    closedBy?: string;
  };
};

export type RegisterCloseEvent = RegisterClosed;
