import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChartOfAccounts } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { balancesByAccount, glAccountsOf } from '../../../projections/finance/trial-balance/trial-balance-accounts';

const chart: ChartOfAccounts = {
  file: 'test-chart.json',
  companies: {
    US01: {
      sap: {
        companyCode: '1010',
        accounts: { 'revenue.merchandise': { glAccount: '401000' }, 'revenue.shipping': { glAccount: '401000' }, 'psp.clearing': { glAccount: '113100' } },
      },
      netsuite: { subsidiaryId: '1', currencyIds: { USD: '1' }, accounts: { 'psp.clearing': { glAccount: '101' } } },
    },
  },
};

const row = (role: string, debitMinor: number, creditMinor: number, companyCode = 'US01') => ({
  companyCode,
  role,
  currency: 'USD',
  debitMinor,
  creditMinor,
  balanceMinor: debitMinor - creditMinor,
});

describe('trial balance by GL account', () => {
  it('sums roles that share an account, and keeps unmapped roles and companies visible under a null account', () => {
    const rows = [
      row('psp.clearing', 11298, 0),
      row('revenue.merchandise', 0, 10500),
      row('revenue.shipping', 0, 799),
      row('tax.payable', 0, 720),
      row('psp.clearing', 500, 0, 'XX99'),
    ];
    assert.deepEqual(balancesByAccount(chart, 'sap', rows), [
      { companyCode: 'US01', glAccount: '113100', roles: ['psp.clearing'], currency: 'USD', debitMinor: 11298, creditMinor: 0, balanceMinor: 11298 },
      { companyCode: 'US01', glAccount: '401000', roles: ['revenue.merchandise', 'revenue.shipping'], currency: 'USD', debitMinor: 0, creditMinor: 11299, balanceMinor: -11299 },
      { companyCode: 'US01', glAccount: null, roles: ['tax.payable'], currency: 'USD', debitMinor: 0, creditMinor: 720, balanceMinor: -720 },
      { companyCode: 'XX99', glAccount: null, roles: ['psp.clearing'], currency: 'USD', debitMinor: 500, creditMinor: 0, balanceMinor: 500 },
    ]);
  });

  it("names a role's account in each ERP the company has, and no other", () => {
    assert.deepEqual(glAccountsOf(chart, 'US01', 'psp.clearing'), { sap: '113100', netsuite: '101' });
    assert.deepEqual(glAccountsOf(chart, 'US01', 'tax.payable'), {});
    assert.deepEqual(glAccountsOf(chart, 'XX99', 'psp.clearing'), {});
    assert.deepEqual(glAccountsOf(chart, 'constructor', 'toString'), {}, 'names of Object.prototype are not companies or roles');
  });
});
