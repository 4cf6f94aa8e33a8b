import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyCode } from '../../../src/money';
import type { RegisterClosed, TenderOverShort } from '../../../src/settlement/register-close/register-close.events';
import type { JournalEntry, JournalLine } from '../../../src/ledger/posting/journal-entry';
import { postRegisterCloseEvent } from '../../../src/ledger/posting/register-close-posting.rules';
import { history, pickup, workedExample } from '../../order/order.fixtures';
import { entriesOf, postHistory, recorded } from './recorded-history';

const STREAM = 'register-close-store-12/reg-3/2026-11-27';
const count = (tender: string, expectedMinor: number, countedMinor: number): TenderOverShort => ({
  tender,
  expectedMinor,
  countedMinor,
  overShortMinor: countedMinor - expectedMinor,
});
/** A close counted late in the evening in New York: already the next day in UTC. */
const closed = (...tenders: TenderOverShort[]): RegisterClosed => ({
  type: 'RegisterClosed',
  data: {
    storeId: 'store-12',
    registerId: 'reg-3',
    businessDate: '2026-11-27',
    companyCode: 'US01',
    currency: currencyCode('USD'),
    tenders,
    totals: {
      expectedMinor: tenders.reduce((a, t) => a + t.expectedMinor, 0),
      countedMinor: tenders.reduce((a, t) => a + t.countedMinor, 0),
      overShortMinor: tenders.reduce((a, t) => a + t.overShortMinor, 0),
    },
    closedAt: '2026-11-27T22:05:00-05:00',
  },
});
const post = (event: RegisterClosed): JournalEntry[] => entriesOf(recorded([event], STREAM, 7n).flatMap((event) => postRegisterCloseEvent(event)));
const linesOf = (entries: JournalEntry[]) => entries.flatMap((e) => e.lines.map((l) => `${l.side} ${l.role} ${l.amountMinor}`));
const balanceOf = (lines: readonly JournalLine[], role: string) =>
  lines.filter((l) => l.role === role).reduce((a, l) => a + (l.side === 'debit' ? l.amountMinor : -l.amountMinor), 0);

describe('register close posting rules', () => {
  it('posts DESIGN’s close 2.50 short: deposit in transit 1247.50 and over/short 2.50 against register clearing 1250.00', () => {
    const entries = post(closed(count('cash', 125000, 124750)));
    assert.deepEqual(linesOf(entries), ['debit cash.deposit-in-transit 124750', 'debit expense.cash-over-short 250', 'credit cash.register-clearing 125000']);
    assert.deepEqual(
      entries.map((e) => [e.entryId, e.kind, e.sourceType, e.sourceId, e.companyCode, e.postingDate]),
      [[`${STREAM}-e0/register-close`, 'register-close', 'register-close', 'store-12/reg-3/2026-11-27', 'US01', '2026-11-27']],
      'posted on the business date, not the UTC day of the count',
    );
  });

  it('credits cash over/short when the drawer holds more than expected, and posts no over/short when it is exact', () => {
    assert.deepEqual(linesOf(post(closed(count('cash', 125000, 125100)))), [
      'debit cash.deposit-in-transit 125100',
      'credit expense.cash-over-short 100',
      'credit cash.register-clearing 125000',
    ]);
    assert.deepEqual(linesOf(post(closed(count('cash', 80000, 80000)))), ['debit cash.deposit-in-transit 80000', 'credit cash.register-clearing 80000']);
  });

  it('posts only cash: card batches and gift cards reached the ledger through the order rules already', () => {
    assert.deepEqual(linesOf(post(closed(count('card', 48000, 47000), count('cash', 125000, 124750), count('gift-card', 5000, 5000)))), [
      'debit cash.deposit-in-transit 124750',
      'debit expense.cash-over-short 250',
      'credit cash.register-clearing 125000',
    ]);
    assert.deepEqual(
      recorded([closed(count('card', 48000, 47000))], STREAM).flatMap((event) => postRegisterCloseEvent(event)),
      [],
    );
    assert.deepEqual(
      recorded([closed(count('cash', 0, 0), count('card', 48000, 48000))], STREAM).flatMap((event) => postRegisterCloseEvent(event)),
      [],
      'an empty drawer posts no empty entry',
    );
  });

  it('clears the register of the cash its sales put there', () => {
    const sale = workedExample({ fulfillment: { type: 'pickup', locationId: 'store-12' }, tenders: [{ kind: 'cash', amountMinor: 10519 }] });
    const lines = [...entriesOf(postHistory(recorded(history(sale, pickup())))), ...post(closed(count('cash', 10519, 10519)))].flatMap((e) => e.lines);
    assert.equal(balanceOf(lines, 'cash.register-clearing'), 0);
    assert.equal(balanceOf(lines, 'cash.deposit-in-transit'), 10519);
  });

  it('refuses to guess the company code of a close recorded without one', () => {
    const legacy = closed(count('cash', 125000, 124750));
    delete (legacy.data as Partial<RegisterClosed['data']>).companyCode;
    const [posting] = recorded([legacy], STREAM).flatMap((event) => postRegisterCloseEvent(event));
    assert.deepEqual(!posting.ok && posting.error.reason, 'missing-company-code');
  });
});
