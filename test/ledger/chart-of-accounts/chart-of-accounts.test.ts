import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { accountFor, ERP_NAMES, UnmappedAccountError } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../../src/config/chart-of-accounts/chart-of-accounts.file';
import { ChartOfAccountsError, parseChartOfAccounts } from '../../../src/ledger/chart-of-accounts/chart-of-accounts.parse';
import { KNOWN_ACCOUNT_ROLES } from '../../../src/ledger/chart-of-accounts/known-account-roles';
import { ConfigError, loadConfig } from '../../../src/config/app-config';
import { tempDir } from '../../support/temp-dir';

const usOnly = (accounts: Record<string, unknown>) => ({ companies: { US01: { sap: { companyCode: '1010', accounts } } } });

describe('chart of accounts', () => {
  const dir = tempDir('chart-of-accounts');
  after(() => dir.remove());

  it('ships a chart mapping every account role for US01 and DE01 in SAP, NetSuite and Dynamics 365', () => {
    const chart = loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS);
    for (const company of ['US01', 'DE01']) {
      for (const erp of ERP_NAMES) {
        for (const role of KNOWN_ACCOUNT_ROLES) assert.ok(accountFor(chart, company, erp, role).glAccount, `${company} ${erp} ${role}`);
      }
    }
    assert.deepEqual(accountFor(chart, 'US01', 'sap', 'expense.payment-fees'), { glAccount: '0000618000', costCenter: '0000101000' });
    assert.equal(accountFor(chart, 'DE01', 'sap', 'tax.payable').taxCode, 'A1');
  });

  it('refuses a role without a mapping, naming file, company code, ERP and role, instead of guessing', () => {
    const chart = parseChartOfAccounts(usOnly({ 'psp.clearing': { glAccount: '113100' } }), 'charts/us.json');
    assert.throws(
      () => accountFor(chart, 'US01', 'sap', 'bank'),
      (error: unknown) => error instanceof UnmappedAccountError && error.message === 'chart of accounts charts/us.json: company US01, ERP sap: role bank has no GL account',
    );
    assert.throws(() => accountFor(chart, 'US01', 'netsuite', 'psp.clearing'), /charts\/us\.json: company US01 has no netsuite setup/);
    assert.throws(() => accountFor(chart, 'FR01', 'sap', 'psp.clearing'), /charts\/us\.json: company FR01 is not in the chart/);
  });

  it('lists every problem of a bad chart with its path, and names the file', () => {
    const bad = {
      companies: {
        US01: {
          sap: { companyCode: '', accounts: { 'psp.clearnig': { glAccount: '1' }, bank: { glAccount: ' 110100' }, 'tax.payable': { glAccount: '222000', taxcode: 'O1' } } },
          netsuite: { subsidiaryId: '1', currencyIds: { usd: '1' }, accounts: {} },
          oracle: {},
        },
      },
    };
    assert.throws(
      () => parseChartOfAccounts(bad, 'chart.json'),
      (error: unknown) =>
        error instanceof ChartOfAccountsError &&
        error.message.startsWith('chart of accounts chart.json is invalid:') &&
        [
          'companies.US01.oracle: unknown field',
          'companies.US01.sap.companyCode: must be 1-64 printable characters',
          'companies.US01.sap.accounts.bank.glAccount: must be 1-64 printable characters',
          'companies.US01.sap.accounts.psp.clearnig: unknown account role',
          'companies.US01.sap.accounts.tax.payable.taxcode: unknown field',
          'companies.US01.netsuite.currencyIds.usd: not an ISO 4217 code',
        ].every((problem) => error.message.includes(problem)),
    );
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const file = join(dir.path, 'broken.json');
    writeFileSync(file, '{"companies": ');
    assert.throws(() => loadChartOfAccounts(file), new RegExp(`chart of accounts ${file} is invalid:\\n  is not JSON`));
    assert.throws(() => loadChartOfAccounts(join(dir.path, 'missing.json')), /missing\.json is invalid:\n {2}cannot be read/);
  });

  it('is checked at start: CHART_OF_ACCOUNTS naming a bad file stops the process with the file and the problem', () => {
    const file = join(dir.path, 'typo.json');
    writeFileSync(file, JSON.stringify(usOnly({ 'psp.clearnig': { glAccount: '1' } })));
    assert.throws(
      () => loadConfig({ CHART_OF_ACCOUNTS: file }),
      (error: unknown) => {
        return (
          error instanceof ConfigError &&
          error.message.includes(`CHART_OF_ACCOUNTS=${JSON.stringify(file)}`) &&
          error.message.includes('companies.US01.sap.accounts.psp.clearnig: unknown account role')
        );
      },
    );
    assert.equal(loadConfig({}).CHART_OF_ACCOUNTS, SHIPPED_CHART_OF_ACCOUNTS);
  });

  it('validates BATCH_MAX_ENTRIES at start', () => {
    assert.equal(loadConfig({}).BATCH_MAX_ENTRIES, 500);
    assert.equal(loadConfig({ BATCH_MAX_ENTRIES: '25' }).BATCH_MAX_ENTRIES, 25);
    assert.throws(() => loadConfig({ BATCH_MAX_ENTRIES: '0' }), /BATCH_MAX_ENTRIES="0"/);
    assert.throws(() => loadConfig({ BATCH_MAX_ENTRIES: 'lots' }), /BATCH_MAX_ENTRIES="lots"/);
    assert.throws(() => loadConfig({ BATCH_MAX_ENTRIES: '5000' }), /BATCH_MAX_ENTRIES="5000"/, 'a batch that large would not fit in one EventStoreDB append');
  });
});
