/**
 * Order requests as channels send them, in the canonical order format: the one source for the
 * tests (HTTP, gRPC and, through `placeOrder`, the decider's PlaceOrder) and the benches.
 * JSON numbers for amounts, as a web client writes them.
 */

/**
 * DESIGN.md's worked example: lines 2 x 30.00 and 1 x 45.00; SAVE10 (retailer, 10.00 across
 * the order, allocated 5.71 / 4.29 by the decider); VEND5 (vendor Acme, 5.00 on the second
 * line); shipping 7.99; tax 8% on the discounted base, 4.34 / 2.86; total 105.19, paid by card.
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

/**
 * The worked example sold as a web channel sends it, each request as [path, body]: `order` placed,
 * authorized and captured in full (105.19) at `at`, then shipped whole unless `ship` is false.
 */
export function workedExampleSale(
  orderId: string,
  { at = AT, order = workedExampleOrder(orderId), ship = true }: { at?: string; order?: object; ship?: boolean } = {},
): Array<[path: string, body: object]> {
  const steps: Array<[string, object]> = [
    ['/orders', order],
    [`/orders/${orderId}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at }],
    [`/orders/${orderId}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at }],
  ];
  if (ship) {
    const whole = [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ];
    steps.push([`/orders/${orderId}/shipments`, { shipmentId: 's-1', lines: whole, shippedAt: at }]);
  }
  return steps;
}

/**
 * A realistic web order: three lines, a retailer discount across the order, 8% tax per line
 * computed by the decider, standard shipping. The benches send one per order id.
 */
export function threeLineWebOrder(orderId: string) {
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
