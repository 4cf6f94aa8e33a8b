import type { ChartOfAccounts, ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

/** One company as an ERP knows it: its GL accounts and cost centers, NetSuite currencies, the D365 journal name. */
export interface ErpCompany {
  accounts: Set<string>;
  costCenters: Set<string>;
  /** NetSuite currency internal id -> ISO code. */
  currencies: Map<string, string>;
  journalName?: string;
}

/**
 * The chart of accounts turned around, as each ERP sees it: by its own company identifier (SAP
 * company code, NetSuite subsidiary, D365 legal entity). Ledgerbridge companies that share one
 * ERP company pool their accounts.
 */
export type ErpCharts = Record<ErpName, Map<string, ErpCompany>>;

export function erpChartsOf(chart: ChartOfAccounts): ErpCharts {
  const charts: ErpCharts = { sap: new Map(), netsuite: new Map(), d365: new Map() };
  const companyIn = (erp: ErpName, id: string): ErpCompany => {
    let company = charts[erp].get(id);
    if (!company) charts[erp].set(id, (company = { accounts: new Set(), costCenters: new Set(), currencies: new Map() }));
    return company;
  };
  for (const code of Object.keys(chart.companies).sort()) {
    const { sap, netsuite, d365 } = chart.companies[code];
    const fill = (company: ErpCompany, accounts: NonNullable<typeof sap>['accounts']) => {
      for (const mapping of Object.values(accounts)) {
        company.accounts.add(mapping.glAccount);
        if (mapping.costCenter !== undefined) company.costCenters.add(mapping.costCenter);
      }
    };
    if (sap) fill(companyIn('sap', sap.companyCode), sap.accounts);
    if (netsuite) {
      const company = companyIn('netsuite', netsuite.subsidiaryId);
      fill(company, netsuite.accounts);
      for (const [iso, id] of Object.entries(netsuite.currencyIds)) company.currencies.set(id, iso);
    }
    if (d365) {
      const company = companyIn('d365', d365.legalEntity);
      fill(company, d365.accounts);
      company.journalName = d365.journalName;
    }
  }
  return charts;
}
