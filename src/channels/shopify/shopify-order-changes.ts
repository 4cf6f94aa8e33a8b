import type { PlaceOrder } from '../../order/order.commands';
import type { OrderPlacedData } from '../../order/order.events';

/** One way a later order body differs from the order as placed: the field, as placed, as delivered now. */
export interface OrderChange {
  field: string;
  placed: unknown;
  delivered: unknown;
}

type Comparable = Record<string, unknown>;

/** What of an order the books rest on, per line (by id) and for the order, independent of promotion matching. */
function postedContent(order: {
  currency: string;
  lines: Array<{ lineId: string; sku: string; quantity: number; unitPriceMinor: number; taxIncluded?: boolean }>;
  discountsByLine: Map<string, Map<string, number>>;
  taxByLine: Map<string, number>;
  shipping: Array<{ code: string; amountMinor: number; taxMinor?: number }>;
}): Map<string, Comparable> {
  const content = new Map<string, Comparable>([['currency', { currency: order.currency }]]);
  for (const line of order.lines) {
    content.set(`line_items[${line.lineId}]`, {
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxIncluded: line.taxIncluded ?? false,
      discounts: Object.fromEntries([...(order.discountsByLine.get(line.lineId) ?? new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b))),
      taxMinor: order.taxByLine.get(line.lineId) ?? 0,
    });
  }
  order.shipping.forEach((s, i) => content.set(`shipping_lines[${i}]`, { code: s.code, amountMinor: s.amountMinor, taxMinor: s.taxMinor ?? 0 }));
  return content;
}

function addTo<K>(map: Map<K, number>, key: K, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/** Each line's discount by code (a discount funded in two parts is one code). */
function byLineAndCode(discounts: Iterable<{ lineId: string; code: string; amountMinor: number }>): Map<string, Map<string, number>> {
  const byLine = new Map<string, Map<string, number>>();
  for (const { lineId, code, amountMinor } of discounts) {
    if (!byLine.has(lineId)) byLine.set(lineId, new Map());
    addTo(byLine.get(lineId)!, code, amountMinor);
  }
  return byLine;
}

/**
 * How an order body received after the order was placed differs from it in what was posted or
 * will be: currency, lines (sku, quantity, unit price, discounts by code, tax) and shipping.
 * Statuses, tags and notes are not compared, so Shopify's many `orders/updated` that change
 * nothing here give no change; nor is which promotion a code matched (a promotion defined later
 * does not rewrite an order). Empty: nothing to act on.
 */
export function orderChanges(placed: OrderPlacedData, delivered: PlaceOrder): OrderChange[] {
  const placedDiscounts = byLineAndCode(
    placed.lines.flatMap((line) => line.discounts.map((d) => ({ lineId: line.lineId, code: d.code ?? d.promotionId, amountMinor: d.amountMinor }))),
  );
  const deliveredDiscounts = byLineAndCode(
    (delivered.discounts ?? []).flatMap((d) => (d.allocations ?? []).map((a) => ({ lineId: a.lineId, code: d.code ?? d.promotionId, amountMinor: a.amountMinor }))),
  );
  const deliveredTax = new Map<string, number>();
  for (const t of delivered.taxLines ?? []) addTo(deliveredTax, t.lineId, t.amountMinor ?? 0);

  const before = postedContent({
    currency: placed.currency,
    lines: placed.lines,
    discountsByLine: placedDiscounts,
    taxByLine: new Map(placed.lines.map((line) => [line.lineId, line.taxMinor])),
    shipping: placed.shipping,
  });
  const after = postedContent({
    currency: delivered.currency,
    lines: delivered.lines,
    discountsByLine: deliveredDiscounts,
    taxByLine: deliveredTax,
    shipping: delivered.shippingLines ?? [],
  });

  const changes: OrderChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(key), after.get(key)];
    if (!was || !is) {
      changes.push({ field: key, placed: was ?? null, delivered: is ?? null });
      continue;
    }
    for (const field of Object.keys(was)) {
      if (JSON.stringify(was[field]) !== JSON.stringify(is[field])) changes.push({ field: key === 'currency' ? key : `${key}.${field}`, placed: was[field], delivered: is[field] });
    }
  }
  return changes;
}
