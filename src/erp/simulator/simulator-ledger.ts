import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

export interface SimulatorLine {
  /** The posting date of the line (D365 lines carry their own TransDate). */
  date: string;
  account: string;
  costCenter?: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  text: string;
  /** D365's voucher, the per-entry key inside a journal. */
  voucher?: string;
}

/** A document as the simulated ERP keeps it. */
export interface SimulatorDocument {
  erp: ErpName;
  /** The ERP's company: SAP company code, NetSuite subsidiary, D365 legal entity. */
  company: string;
  /** SAP `<company code>/<accounting document>/<fiscal year>`, NetSuite tranId, D365 journal batch number. */
  documentNumber: string;
  /** NetSuite's internal id. */
  internalId?: string;
  /** The client's key the ERP deduplicates by: SAP entry MessageHeader ID, NetSuite externalId, D365 journal Description. */
  key: string;
  /** SAP PostingDate, NetSuite tranDate; a D365 journal's earliest line date ('' while it has no lines). */
  postingDate: string;
  createdAt: string;
  updatedAt: string;
  lines: SimulatorLine[];
}

export interface LedgerFilter {
  erp?: ErpName;
  company?: string;
  account?: string;
  from?: string;
  to?: string;
}

/** Debits and credits of one account, currency and day in one ERP company. */
export interface SimulatorBalance {
  erp: ErpName;
  company: string;
  account: string;
  currency: string;
  date: string;
  debitMinor: number;
  creditMinor: number;
  lineCount: number;
}

/** The simulated ERPs' books: every document they hold and, from them, balances per company, account and day. */
export class SimulatorLedger {
  private readonly all: SimulatorDocument[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  add(document: Omit<SimulatorDocument, 'createdAt' | 'updatedAt'>): SimulatorDocument {
    const now = this.clock().toISOString();
    const stored = { ...document, createdAt: now, updatedAt: now };
    this.all.push(stored);
    return stored;
  }

  /** A document's lines changed (NetSuite upsert, D365 lines added to a journal), and with them perhaps its date. */
  replaceLines(document: SimulatorDocument, lines: SimulatorLine[], postingDate: string): void {
    document.lines = lines;
    document.postingDate = postingDate;
    document.updatedAt = this.clock().toISOString();
  }

  documents(filter: LedgerFilter = {}): SimulatorDocument[] {
    return this.all.filter((d) => (filter.erp === undefined || d.erp === filter.erp) && (filter.company === undefined || d.company === filter.company));
  }

  balances(filter: LedgerFilter = {}): SimulatorBalance[] {
    const rows = new Map<string, SimulatorBalance>();
    for (const document of this.documents(filter)) {
      for (const line of document.lines) {
        if (filter.account !== undefined && line.account !== filter.account) continue;
        if ((filter.from !== undefined && line.date < filter.from) || (filter.to !== undefined && line.date > filter.to)) continue;
        const key = JSON.stringify([document.erp, document.company, line.account, line.currency, line.date]);
        let row = rows.get(key);
        if (!row)
          rows.set(
            key,
            (row = { erp: document.erp, company: document.company, account: line.account, currency: line.currency, date: line.date, debitMinor: 0, creditMinor: 0, lineCount: 0 }),
          );
        row.debitMinor += line.debitMinor;
        row.creditMinor += line.creditMinor;
        row.lineCount += 1;
      }
    }
    const order = (b: SimulatorBalance) => [b.erp, b.company, b.date, b.account, b.currency].join('\u0000');
    return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
}
