import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyCode } from '../../../src/money';
import type { GiftCardSold } from '../../../src/gift-card/gift-card.events';
import { postGiftCardEvent } from '../../../src/ledger/posting/gift-card-posting.rules';
import type { JournalEntry, JournalLine } from '../../../src/ledger/posting/journal-entry';
import { authorize, capture, history, ship, workedExample } from '../../order/order.fixtures';
import { entriesOf, postHistory, recorded } from './recorded-history';

const STREAM = 'gift-card-gc-77';
const sold = (tender: GiftCardSold['data']['tender'] = { kind: 'card', reference: 'pi_gc_77' }): GiftCardSold => ({
  type: 'GiftCardSold',
  data: {
    giftCardId: 'gc-77',
    companyCode: 'US01',
    currency: currencyCode('USD'),
    amountMinor: 5000,
    tender,
    channel: 'web',
    soldAt: '2026-11-26T23:30:00-05:00',
    sourceRef: 'payload://web/gc-77',
  },
});
const post = (event: GiftCardSold): JournalEntry[] => {
  const [fact] = recorded([event], STREAM, 3n);
  return entriesOf(postGiftCardEvent({ ...fact, metadata: { ...fact.metadata, channel: 'web' } }));
};
const linesOf = (entries: JournalEntry[]) => entries.flatMap((e) => e.lines.map((l) => `${l.side} ${l.role} ${l.amountMinor} ${l.reference}`));
const balanceOf = (lines: readonly JournalLine[], role: string) =>
  lines.filter((l) => l.role === role).reduce((a, l) => a + (l.side === 'debit' ? l.amountMinor : -l.amountMinor), 0);

describe('gift card posting rules', () => {
  it('makes a card-paid sale a gift card liability, on the UTC day of the sale, with the channel payload in its lineage', () => {
    const [entry] = post(sold());
    assert.deepEqual(linesOf([entry]), ['debit psp.clearing 5000 pi_gc_77', 'credit liability.gift-card 5000 gc-77']);
    assert.deepEqual(
      [entry.entryId, entry.kind, entry.sourceType, entry.sourceId, entry.companyCode, entry.postingDate],
      [`${STREAM}-e0/gift-card-sold`, 'gift-card-sold', 'gift-card', 'gc-77', 'US01', '2026-11-27'],
    );
    assert.deepEqual([entry.lines[1].lineage.sourceRef, entry.lines[1].lineage.channel, entry.lines[1].lineId], ['payload://web/gc-77', 'web', `${STREAM}-e0/gift-card-sold/2`]);
  });

  it('puts cash paid for a card into the register, which the register close clears', () => {
    assert.deepEqual(linesOf(post(sold({ kind: 'cash' }))), ['debit cash.register-clearing 5000 gc-77', 'credit liability.gift-card 5000 gc-77']);
  });

  it('leaves on the card what an order did not redeem: sold 50.00, redeemed 25.00 on the worked order', () => {
    const order = workedExample({
      tenders: [
        { kind: 'gift_card', amountMinor: 2500, reference: 'gc-77' },
        { kind: 'card', amountMinor: 8019 },
      ],
    });
    const redeemed = entriesOf(
      postHistory(
        recorded(
          history(
            order,
            authorize(8019),
            capture(8019),
            ship('s1', [
              ['L1', 2],
              ['L2', 1],
            ]),
          ),
        ),
      ),
    );
    const lines = [...post(sold()), ...redeemed].flatMap((e) => e.lines);
    assert.equal(
      balanceOf(
        lines.filter((l) => l.reference === 'gc-77'),
        'liability.gift-card',
      ),
      -2500,
    );
    assert.equal(balanceOf(lines, 'liability.customer-deposits'), 0, 'the redemption became revenue at shipment');
  });

  it('refuses to guess the company code of a sale recorded without one', () => {
    const legacy = sold();
    delete (legacy.data as Partial<GiftCardSold['data']>).companyCode;
    const [posting] = recorded([legacy], STREAM).flatMap(postGiftCardEvent);
    assert.deepEqual(!posting.ok && posting.error.reason, 'missing-company-code');
  });
});
