import { batchHash } from './batch-hash';
import { batchTotals } from './batch-totals';
import { compareEntries, entryHash, type PostedEntry } from './posted-entry';
import { batchIdOf, GENESIS_HASH, type PostingBatchClosedData } from './posting-batch';

/**
 * An entry the posting rules refused that would have joined this company and day: it keeps the
 * day from closing. A null company code or posting date means the fact did not tell, so the
 * error holds back every company, or every day, rather than let a batch close without it.
 */
export interface OpenPostingError {
  entryId: string;
  companyCode: string | null;
  postingDate: string | null;
  message: string;
}

/** Why an error holds back a batch it may not belong to, so the operator knows where to look. */
function whyItBlocks(error: OpenPostingError): string {
  if (error.companyCode === null && error.postingDate === null) return ' (its company code and posting date are unknown, so it holds back every batch)';
  if (error.companyCode === null) return ` (its company code is unknown, so it holds back every company's ${error.postingDate})`;
  if (error.postingDate === null) return ` (its posting date is unknown, so it holds back every day of ${error.companyCode})`;
  return '';
}

export interface BatchToCompose {
  companyCode: string;
  postingDate: string;
  sequence: number;
  /** The company's last closed batch; null when this is its first. */
  previous: { batchId: string; hash: string } | null;
  entries: readonly PostedEntry[];
  postingErrors: readonly OpenPostingError[];
}

export type BatchRefusalCode = 'NOTHING_TO_CLOSE' | 'POSTING_ERRORS_OPEN' | 'BATCH_UNBALANCED' | 'ENTRY_NOT_IN_SCOPE';

export interface BatchRefusal {
  code: BatchRefusalCode;
  message: string;
  details: Record<string, unknown>;
}

export type BatchComposition = { ok: true; batch: PostingBatchClosedData } | { ok: false; refusal: BatchRefusal };

/**
 * The PostingBatchClosed a close would append, or why it must not: no entries, posting errors
 * for the company and day, an entry of another company or day, or debits unequal to credits
 * in some currency. Nothing is ever plugged. Pure, so an auditor can compose a recorded batch
 * again from history and compare.
 */
export function composeBatch(input: BatchToCompose): BatchComposition {
  const { companyCode, postingDate, sequence } = input;
  const scope = `${companyCode} ${postingDate}`;
  const refuse = (code: BatchRefusalCode, message: string, details: Record<string, unknown>): BatchComposition => ({
    ok: false,
    refusal: { code, message, details: { companyCode, postingDate, ...details } },
  });
  if (input.postingErrors.length > 0) {
    const entryIds = input.postingErrors.map((e) => e.entryId);
    const [first] = input.postingErrors;
    return refuse('POSTING_ERRORS_OPEN', `${scope} has ${entryIds.length} refused journal entr${entryIds.length === 1 ? 'y' : 'ies'}: ${first.message}${whyItBlocks(first)}`, {
      postingErrors: input.postingErrors,
    });
  }
  if (input.entries.length === 0) return refuse('NOTHING_TO_CLOSE', `${scope} has no open journal entries`, {});
  const stranger = input.entries.find((e) => e.companyCode !== companyCode || e.postingDate !== postingDate);
  if (stranger) {
    return refuse('ENTRY_NOT_IN_SCOPE', `entry ${stranger.entryId} belongs to ${stranger.companyCode} ${stranger.postingDate}, not ${scope}`, { entryId: stranger.entryId });
  }
  const entries = [...input.entries].sort(compareEntries);
  const totals = batchTotals(entries);
  const imbalances = totals.filter((t) => t.debitMinor !== t.creditMinor);
  if (imbalances.length > 0) {
    const detail = imbalances.map((t) => `${t.currency} debits ${t.debitMinor} vs credits ${t.creditMinor}`).join('; ');
    return refuse('BATCH_UNBALANCED', `${scope} does not balance: ${detail}`, { imbalances });
  }
  const unhashed = {
    batchId: batchIdOf(companyCode, postingDate, sequence),
    companyCode,
    postingDate,
    sequence,
    entries: entries.map((e) => ({
      entryId: e.entryId,
      kind: e.kind,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      ...(e.businessDate !== undefined && { businessDate: e.businessDate }),
      hash: entryHash(e),
    })),
    totals,
    previousBatchId: input.previous?.batchId ?? null,
    previousHash: input.previous?.hash ?? GENESIS_HASH,
  };
  return { ok: true, batch: { ...unhashed, hash: batchHash(unhashed) } };
}
