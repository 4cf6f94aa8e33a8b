import type { ErpReadBack } from '../connector/erp-read-back';
import type { AnyErpConnector } from '../erp-connectors';
import { type ChartOfAccounts, companyFor, UnmappedAccountError } from '../../ledger/chart-of-accounts/chart-of-accounts';

/**
 * The ERP's books for Ledgerbridge's documents of one company, read back through the ERP's own
 * API: NetSuite's journal entries by internal id, D365's journal lines by journal number, SAP's
 * journal entry items (OData A_JournalEntryItemBasic) by company code and posting dates, kept to
 * Ledgerbridge's documents. `documents` are what the delivery log recorded: NetSuite internal ids,
 * D365 journal batch numbers, SAP `<company code>/<document>/<fiscal year>`.
 */
export async function readBackOf(
  connector: AnyErpConnector,
  chart: ChartOfAccounts,
  companyCode: string,
  days: { from: string; to: string },
  documents: readonly string[],
): Promise<ErpReadBack> {
  try {
    switch (connector.erp) {
      case 'netsuite':
        return await connector.readBack(documents, companyFor(chart, companyCode, 'netsuite').currencyIds);
      case 'd365':
        return await connector.readBack(companyFor(chart, companyCode, 'd365').legalEntity, documents);
      case 'sap':
        return await connector.readBack(companyFor(chart, companyCode, 'sap').companyCode, days, documents);
    }
  } catch (error) {
    if (error instanceof UnmappedAccountError) return { available: false, why: error.message };
    return { available: false, why: `the ERP could not be read: ${(error as Error).message}` };
  }
}
