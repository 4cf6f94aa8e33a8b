import { type AccountMapping, type AccountMappings, type ChartOfAccounts, type CompanyChart, ERP_NAMES, type ErpName } from './chart-of-accounts';
import { isKnownAccountRole } from './known-account-roles';

/** The chart file is unusable; the message lists every problem with its path in the file. */
export class ChartOfAccountsError extends Error {
  override readonly name = 'ChartOfAccountsError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`chart of accounts ${file} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const COMPANY_CODE = /^[A-Za-z0-9._-]{1,32}$/;
/** Identifiers and accounts go into ERP documents: printable, no surrounding blanks. */
const IDENTIFIER = /^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/;

const IDENTIFIERS: Record<ErpName, string[]> = {
  sap: ['companyCode'],
  netsuite: ['subsidiaryId'],
  d365: ['legalEntity', 'journalName'],
};

type Problems = string[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(value: Record<string, unknown>, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(value).sort()) if (!allowed.includes(key)) problems.push(`${path}.${key}: unknown field`);
}

function identifier(value: unknown, path: string, problems: Problems): string {
  if (typeof value === 'string' && IDENTIFIER.test(value)) return value;
  problems.push(`${path}: must be 1-64 printable characters without surrounding blanks`);
  return '';
}

function mapping(value: unknown, path: string, problems: Problems): AccountMapping {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object {"glAccount", "costCenter"?, "taxCode"?}`);
    return { glAccount: '' };
  }
  unknownFields(value, ['glAccount', 'costCenter', 'taxCode'], path, problems);
  const result: AccountMapping = { glAccount: identifier(value.glAccount, `${path}.glAccount`, problems) };
  if (value.costCenter !== undefined) result.costCenter = identifier(value.costCenter, `${path}.costCenter`, problems);
  if (value.taxCode !== undefined) result.taxCode = identifier(value.taxCode, `${path}.taxCode`, problems);
  return result;
}

function accounts(value: unknown, path: string, problems: Problems): AccountMappings {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object of account role -> {"glAccount", ...}`);
    return {};
  }
  const result: Record<string, AccountMapping> = {};
  for (const role of Object.keys(value).sort()) {
    if (!isKnownAccountRole(role)) problems.push(`${path}.${role}: unknown account role`);
    else result[role] = mapping(value[role], `${path}.${role}`, problems);
  }
  return result;
}

function currencyIds(value: unknown, path: string, problems: Problems): Record<string, string> {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object of ISO 4217 code -> NetSuite currency id`);
    return {};
  }
  const result: Record<string, string> = {};
  for (const code of Object.keys(value).sort()) {
    if (!/^[A-Z]{3}$/.test(code)) problems.push(`${path}.${code}: not an ISO 4217 code`);
    else result[code] = identifier(value[code], `${path}.${code}`, problems);
  }
  return result;
}

function erpSetup(erp: ErpName, value: unknown, path: string, problems: Problems): CompanyChart[ErpName] {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object`);
    return undefined;
  }
  const fields = [...IDENTIFIERS[erp], ...(erp === 'netsuite' ? ['currencyIds'] : []), 'accounts'];
  unknownFields(value, fields, path, problems);
  const setup: Record<string, unknown> = {};
  for (const field of IDENTIFIERS[erp]) setup[field] = identifier(value[field], `${path}.${field}`, problems);
  if (erp === 'netsuite') setup.currencyIds = currencyIds(value.currencyIds, `${path}.currencyIds`, problems);
  setup.accounts = accounts(value.accounts, `${path}.accounts`, problems);
  return setup as unknown as CompanyChart[ErpName];
}

/**
 * Validates a parsed chart-of-accounts document: `{"companies": {"<companyCode>": {"sap": ...,
 * "netsuite": ..., "d365": ...}}}`. Pure: `file` only names the source in messages.
 */
export function parseChartOfAccounts(document: unknown, file: string): ChartOfAccounts {
  const problems: Problems = [];
  const companies: Record<string, CompanyChart> = {};
  if (!isObject(document) || !isObject(document.companies)) {
    throw new ChartOfAccountsError(file, ['companies: must be an object of company code -> ERP setups']);
  }
  unknownFields(document, ['companies'], '', problems);
  const codes = Object.keys(document.companies).sort();
  if (codes.length === 0) problems.push('companies: lists no company');
  for (const code of codes) {
    const path = `companies.${code}`;
    if (!COMPANY_CODE.test(code)) problems.push(`${path}: company codes are 1-32 letters, digits, . _ or -`);
    const company = document.companies[code];
    if (!isObject(company)) {
      problems.push(`${path}: must be an object with "sap", "netsuite" and/or "d365"`);
      continue;
    }
    unknownFields(company, ERP_NAMES, path, problems);
    const chart: Record<string, unknown> = {};
    for (const erp of ERP_NAMES) if (company[erp] !== undefined) chart[erp] = erpSetup(erp, company[erp], `${path}.${erp}`, problems);
    if (Object.keys(chart).length === 0) problems.push(`${path}: sets up no ERP`);
    companies[code] = chart;
  }
  if (problems.length > 0) throw new ChartOfAccountsError(file, problems);
  return { file, companies };
}
