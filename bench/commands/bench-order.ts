/**
 * A realistic web order in the canonical format: three lines, a retailer discount across the
 * order, 8% tax per line computed by the decider, standard shipping. Each call a new order id.
 */
export function benchOrder(orderId: string) {
  return {
    orderId,
    channel: 'web',
    placedAt: '2026-11-27T10:00:00Z',
    companyCode: 'US01',
    currency: 'USD',
    fulfillment: { type: 'ship' },
    lines: [
      { lineId: 'L1', sku: 'TEE-RED-M', quantity: 2, unitPriceMinor: 1999 },
      { lineId: 'L2', sku: 'HOODIE-GRY-L', quantity: 1, unitPriceMinor: 4500 },
      { lineId: 'L3', sku: 'SOCKS-BLK', quantity: 3, unitPriceMinor: 799 },
    ],
    discounts: [{ promotionId: 'promo-save5', code: 'SAVE5', funding: { type: 'retailer' }, amountMinor: 500 }],
    taxLines: [
      { lineId: 'L1', rate: '8%' },
      { lineId: 'L2', rate: '8%' },
      { lineId: 'L3', rate: '8%' },
    ],
    shippingLines: [{ code: 'STANDARD', amountMinor: 599 }],
    sourceRef: `payload://web/${orderId}`,
  };
}

/** Order ids unique within a run and across phases. */
export function orderIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
