import { describe, it } from 'node:test';
import { currencyCode } from '../../src/money';
import { giftCardDecider } from '../../src/gift-card/gift-card.aggregate';
import type { SellGiftCard } from '../../src/gift-card/gift-card.commands';
import type { GiftCardEvent } from '../../src/gift-card/gift-card.events';
import { deciderSpec } from '../support/decider-spec';

const { given } = deciderSpec(giftCardDecider);

const sell: SellGiftCard = {
  kind: 'SellGiftCard',
  giftCardId: 'gc-77',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: { kind: 'card', reference: 'pi_gc_77' },
  channel: 'web',
  soldAt: '2026-11-27T09:30:00Z',
  sourceRef: 'payload://web/gc-77',
};
const sold: GiftCardEvent = {
  type: 'GiftCardSold',
  data: {
    giftCardId: 'gc-77',
    companyCode: 'US01',
    currency: currencyCode('USD'),
    amountMinor: 5000,
    tender: { kind: 'card', reference: 'pi_gc_77' },
    channel: 'web',
    soldAt: '2026-11-27T09:30:00Z',
    sourceRef: 'payload://web/gc-77',
  },
};

describe('gift card', () => {
  it('records a sale with its company code, tender and channel payload', () => {
    given([]).when(sell).then([sold]);
  });

  it('records a cash sale without a payment reference', () => {
    given([])
      .when({ ...sell, tender: { kind: 'cash' } })
      .then([{ ...sold, data: { ...sold.data, tender: { kind: 'cash' } } }]);
  });
});

describe('gift card: refusals (nothing is recorded)', () => {
  it('refuses to sell the same card twice: that would owe its value twice', () => {
    given([sold])
      .when({ ...sell, amountMinor: 9000 })
      .thenRefuses('GIFT_CARD_ALREADY_SOLD', { giftCardId: 'gc-77', soldAt: '2026-11-27T09:30:00Z' });
  });
  it('refuses a card worth nothing, or a fraction of a minor unit', () => {
    given([])
      .when({ ...sell, amountMinor: 0 })
      .thenRefuses('INVALID_AMOUNT', { amountMinor: 0 });
    given([])
      .when({ ...sell, amountMinor: 12.5 })
      .thenRefuses('INVALID_AMOUNT');
    given([])
      .when({ ...sell, amountMinor: -100 })
      .thenRefuses('INVALID_AMOUNT');
    given([])
      .when({ ...sell, amountMinor: 1_000_000_000_001 })
      .thenRefuses('INVALID_AMOUNT');
  });
  it('refuses a currency that is not ISO 4217', () => {
    given([])
      .when({ ...sell, currency: 'XYZ' })
      .thenRefuses('INVALID_CURRENCY');
  });
  it('refuses a sale time without an offset, on a day that does not exist, or at an offset no clock has', () => {
    given([])
      .when({ ...sell, soldAt: '2026-11-27 09:30' })
      .thenRefuses('INVALID_TIMESTAMP');
    given([])
      .when({ ...sell, soldAt: '2026-02-30T09:30:00Z' })
      .thenRefuses('INVALID_TIMESTAMP');
    given([])
      .when({ ...sell, soldAt: '2026-11-27T09:30:00+25:00' })
      .thenRefuses('INVALID_TIMESTAMP');
  });
});
