/** The ERPs Ledgerbridge exports posting batches to. */
export const ERP_NAMES = ['sap', 'netsuite', 'd365'] as const;
export type ErpName = (typeof ERP_NAMES)[number];

/** Where one account role lands in one ERP for one company. */
export interface AccountMapping {
  glAccount: string;
  costCenter?: string;
  taxCode?: string;
}

/** Account role -> mapping; a role left out has no account in that ERP, and lines using it are refused. */
export type AccountMappings = Readonly<Record<string, AccountMapping>>;

export interface SapCompany {
  /** SAP's own company code (BUKRS), which need not equal Ledgerbridge's. */
  companyCode: string;
  accounts: AccountMappings;
}

export interface NetSuiteCompany {
  subsidiaryId: string;
  /** ISO 4217 code -> NetSuite currency internal id: NetSuite references currencies by id. */
  currencyIds: Readonly<Record<string, string>>;
  accounts: AccountMappings;
}

export interface D365Company {
  /** dataAreaId. */
  legalEntity: string;
  /** The general journal name (e.g. `GenJrn`) the lines are imported under. */
  journalName: string;
  accounts: AccountMappings;
}

export interface CompanyChart {
  sap?: SapCompany;
  netsuite?: NetSuiteCompany;
  d365?: D365Company;
}

/** Per Ledgerbridge company code, each ERP's identifiers and accounts; `file` names where it came from. */
export interface ChartOfAccounts {
  file: string;
  companies: Readonly<Record<string, CompanyChart>>;
}

/** The chart cannot serve an export: names the file, company code, ERP and, when it is one, the role. */
export class UnmappedAccountError extends Error {
  override readonly name = 'UnmappedAccountError';
  constructor(
    readonly file: string,
    readonly companyCode: string,
    readonly erp: ErpName,
    readonly role: string | undefined,
    message: string,
  ) {
    super(`chart of accounts ${file}: ${message}`);
  }
}

/** The company's setup for one ERP; never a neighbour's or a default. */
export function companyFor<E extends ErpName>(chart: ChartOfAccounts, companyCode: string, erp: E): NonNullable<CompanyChart[E]> {
  const company = Object.hasOwn(chart.companies, companyCode) ? chart.companies[companyCode] : undefined;
  if (!company) throw new UnmappedAccountError(chart.file, companyCode, erp, undefined, `company ${companyCode} is not in the chart`);
  const setup = company[erp];
  if (!setup) throw new UnmappedAccountError(chart.file, companyCode, erp, undefined, `company ${companyCode} has no ${erp} setup`);
  return setup;
}

/** The GL account for a role, or a refusal naming what is missing: an account is never guessed. */
export function accountFor(chart: ChartOfAccounts, companyCode: string, erp: ErpName, role: string): AccountMapping {
  const { accounts } = companyFor(chart, companyCode, erp);
  const mapping = Object.hasOwn(accounts, role) ? accounts[role] : undefined;
  if (!mapping) throw new UnmappedAccountError(chart.file, companyCode, erp, role, `company ${companyCode}, ERP ${erp}: role ${role} has no GL account`);
  return mapping;
}
