import { canonicalHash } from '../../hashing/canonical-json';
import { utcInstantOf } from '../../time/instant';
import type { PosTransactionDto } from './pos-transaction.dto';

/**
 * What a register says about a sale, in one form: defaults written out (`taxIncluded: false`, no
 * discounts, no reference) and the completion time as its UTC instant, so the same sale sent
 * twice compares equal however the register spelled it, and any other content does not.
 */
export function saleContent(sale: PosTransactionDto) {
  return {
    channel: sale.channel,
    storeId: sale.storeId,
    registerId: sale.registerId,
    transactionId: sale.transactionId,
    companyCode: sale.companyCode,
    currency: sale.currency,
    completedAt: utcInstantOf(sale.completedAt) ?? sale.completedAt,
    lines: sale.lines.map((line) => ({
      lineNo: line.lineNo,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxIncluded: line.taxIncluded ?? false,
      tax: line.tax ? { rate: line.tax.rate, amountMinor: line.tax.amountMinor } : null,
      discounts: (line.discounts ?? []).map((d) => ({ promotionId: d.promotionId, amountMinor: d.amountMinor, vendorId: d.vendorId ?? null })),
    })),
    tenders: sale.tenders.map((t) => ({ kind: t.kind, amountMinor: t.amountMinor, reference: t.reference ?? null })),
    totalMinor: sale.totalMinor,
  };
}

/** Names the content, so each different payload of one transaction is kept apart. */
export function saleContentDigest(sale: PosTransactionDto): string {
  return canonicalHash(saleContent(sale)).slice(0, 32);
}

/** Store, register and transaction: which sale this is, whatever it says. */
export function isSameTransaction(a: PosTransactionDto, b: PosTransactionDto): boolean {
  return a.channel === b.channel && a.storeId === b.storeId && a.registerId === b.registerId && a.transactionId === b.transactionId;
}

/** One field where a resent sale says something else than the one recorded; `field` is its path (`lines[0].quantity`). */
export interface SaleDifference {
  field: string;
  recorded: unknown;
  delivered: unknown;
}

/** The fields listed in a refusal; the count says how many there were in all. */
const LISTED_DIFFERENCES = 20;

/** Every field where two sales differ (absent on one side: null), the first 20 of them, and how many in all. */
export function saleDifferences(recorded: PosTransactionDto, delivered: PosTransactionDto): { differences: SaleDifference[]; count: number } {
  const all = leafDifferences(saleContent(recorded), saleContent(delivered), '');
  return { differences: all.slice(0, LISTED_DIFFERENCES), count: all.length };
}

function leafDifferences(recorded: unknown, delivered: unknown, path: string): SaleDifference[] {
  if (Array.isArray(recorded) && Array.isArray(delivered)) {
    return Array.from({ length: Math.max(recorded.length, delivered.length) }, (_, i) => leafDifferences(recorded[i] ?? null, delivered[i] ?? null, `${path}[${i}]`)).flat();
  }
  if (isRecord(recorded) && isRecord(delivered)) {
    return Object.keys({ ...recorded, ...delivered }).flatMap((key) => leafDifferences(recorded[key] ?? null, delivered[key] ?? null, path ? `${path}.${key}` : key));
  }
  return JSON.stringify(recorded) === JSON.stringify(delivered) ? [] : [{ field: path, recorded, delivered }];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
