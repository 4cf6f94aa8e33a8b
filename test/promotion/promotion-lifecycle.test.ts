import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promotionDecider } from '../../src/promotion/promotion.aggregate';
import type { PromotionEvent } from '../../src/promotion/promotion.events';
import { deciderSpec } from '../support/decider-spec';
import { activated, defineSave10, defineVend5, defined, definitionOf } from './promotion.fixtures';

const { given, stateAfter } = deciderSpec(promotionDecider);

describe('promotion: definition and lifecycle', () => {
  it('defines SAVE10 with all its terms, inactive until activated', () => {
    given([])
      .when(defineSave10)
      .then([{ type: 'PromotionDefined', data: definitionOf(defineSave10) }]);
    const state = stateAfter([defined()]);
    assert.equal(state.definition?.code, 'SAVE10');
    assert.equal(state.active, false);
  });

  it('records vendor funding, eligible SKUs, a percentage benefit, a budget and a usage limit as given', () => {
    const command = {
      ...defineVend5,
      benefit: { type: 'percentage' as const, rate: '10%' },
      funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare: '50%' },
      budget: { amountMinor: 500_000, currency: 'USD' },
      usageLimit: 1000,
    };
    given([])
      .when(command)
      .then([{ type: 'PromotionDefined', data: definitionOf(command) }]);
  });

  it('activates a defined promotion ahead of its window (scheduling), and activating again records nothing', () => {
    given([defined()]).when({ kind: 'ActivatePromotion', promotionId: 'save10', at: '2026-11-26T00:00:00Z' }).then([activated()]);
    given([defined(), activated()]).when({ kind: 'ActivatePromotion', promotionId: 'save10', at: '2026-11-28T00:00:00Z' }).then([]);
    assert.equal(stateAfter([defined(), activated()]).active, true);
  });

  it('deactivates with a reason, once; deactivating an inactive promotion records nothing', () => {
    const deactivated: PromotionEvent = { type: 'PromotionDeactivated', data: { promotionId: 'save10', at: '2026-11-28T00:00:00Z', reason: 'stock ran out' } };
    given([defined(), activated()]).when({ kind: 'DeactivatePromotion', promotionId: 'save10', at: '2026-11-28T00:00:00Z', reason: 'stock ran out' }).then([deactivated]);
    given([defined()]).when({ kind: 'DeactivatePromotion', promotionId: 'save10', at: '2026-11-28T00:00:00Z' }).then([]);
    assert.equal(stateAfter([defined(), activated(), deactivated]).active, false);
  });

  it('can be activated again after a deactivation', () => {
    const deactivated: PromotionEvent = { type: 'PromotionDeactivated', data: { promotionId: 'save10', at: '2026-11-28T00:00:00Z' } };
    given([defined(), activated(), deactivated])
      .when({ kind: 'ActivatePromotion', promotionId: 'save10', at: '2026-11-29T00:00:00Z' })
      .then([{ type: 'PromotionActivated', data: { promotionId: 'save10', at: '2026-11-29T00:00:00Z' } }]);
  });
});

describe('promotion: publication to channels', () => {
  const published = (channel: string, at: string): PromotionEvent => ({ type: 'PromotionPublished', data: { promotionId: 'save10', channel, at } });
  const failed = (channel: string, reason: string, at: string): PromotionEvent => ({
    type: 'PromotionPublicationFailed',
    data: { promotionId: 'save10', channel, reason, at },
  });

  it('records a channel publishing the promotion, and one failing with its reason', () => {
    given([defined()])
      .when({ kind: 'RecordPublication', promotionId: 'save10', channel: 'shopify', status: 'published', at: '2026-11-26T01:00:00Z' })
      .then([published('shopify', '2026-11-26T01:00:00Z')]);
    given([defined()])
      .when({ kind: 'RecordPublication', promotionId: 'save10', channel: 'pos', status: 'failed', reason: 'SKU ACME-KETTLE unknown to POS', at: '2026-11-26T01:00:00Z' })
      .then([failed('pos', 'SKU ACME-KETTLE unknown to POS', '2026-11-26T01:00:00Z')]);
  });

  it('shows each channel’s latest answer, even when answers arrive out of order', () => {
    const state = stateAfter([
      defined(),
      published('shopify', '2026-11-26T01:00:00Z'),
      failed('pos', 'timeout', '2026-11-26T01:00:00Z'),
      published('pos', '2026-11-26T01:05:00Z'),
      failed('shopify', 'stale retry', '2026-11-26T00:59:00Z'),
    ]);
    assert.deepEqual(
      state.publications,
      new Map([
        ['shopify', { status: 'published', at: '2026-11-26T01:00:00Z' }],
        ['pos', { status: 'published', at: '2026-11-26T01:05:00Z' }],
      ]),
    );
    const failedLater = stateAfter([defined(), published('pos', '2026-11-26T01:00:00Z'), failed('pos', 'withdrawn by POS', '2026-11-26T02:00:00Z')]);
    assert.deepEqual(failedLater.publications.get('pos'), { status: 'failed', reason: 'withdrawn by POS', at: '2026-11-26T02:00:00Z' });
  });
});
