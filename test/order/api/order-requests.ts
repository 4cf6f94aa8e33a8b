/**
 * Requests as channels send them: DESIGN.md's worked example in the canonical order format,
 * and the follow-up commands of its life. JSON numbers for amounts, as a web client writes them.
 */
export function workedExampleOrder(orderId: string, channel = 'web') {
  return {
    orderId,
    channel,
    placedAt: '2026-11-27T10:00:00Z',
    companyCode: 'US01',
    currency: 'USD',
    fulfillment: { type: 'ship' },
    lines: [
      { lineId: 'L1', sku: 'TEE-RED-M', quantity: 2, unitPriceMinor: 3000 },
      { lineId: 'L2', sku: 'HOODIE-GRY-L', quantity: 1, unitPriceMinor: 4500 },
    ],
    discounts: [
      { promotionId: 'promo-save10', code: 'SAVE10', funding: { type: 'retailer' }, amountMinor: 1000 },
      { promotionId: 'promo-vend5', code: 'VEND5', funding: { type: 'vendor', vendorId: 'acme' }, amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
    ],
    taxLines: [
      { lineId: 'L1', rate: '8%', amountMinor: 434 },
      { lineId: 'L2', rate: '8%', amountMinor: 286 },
    ],
    shippingLines: [{ code: 'STANDARD', amountMinor: 799 }],
    tenders: [{ kind: 'card', amountMinor: 10519, reference: 'pi_123' }],
    sourceRef: `payload://${channel}/${orderId}`,
  };
}

export const AT = '2026-11-28T09:00:00Z';
