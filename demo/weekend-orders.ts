import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the retailer sells and how each channel writes an order of it: the canonical order format
 * (web shop, shipped or picked up in a store), a POS sale, and a Shopify order's webhooks. Pure
 * builders: the numbers are worked out here, so the books can be checked against them.
 */

export const COMPANY = 'US01';
export const CURRENCY = 'USD';
export const STORES = ['S001', 'S002'] as const;
export const REGISTERS = ['R01', 'R02'] as const;
export const SHOP = 'weekend-demo.myshopify.com';
export const SHOP_SECRET = 'shpss_weekend-demo-0123456789';

interface Item {
  sku: string;
  unitPriceMinor: number;
}

const CATALOG: readonly Item[] = [
  { sku: 'TEE-RED-M', unitPriceMinor: 3000 },
  { sku: 'HOODIE-GRY-L', unitPriceMinor: 4500 },
  { sku: 'ACME-KETTLE', unitPriceMinor: 5900 },
  { sku: 'CAP-BLK', unitPriceMinor: 1500 },
  { sku: 'SOCKS-3PK', unitPriceMinor: 1200 },
];

/** The weekend's promotions: WKND10 paid by the retailer, VEND5 and VEND10 (Shopify's code) by the vendor Acme. */
export function weekendPromotions(from: string, to: string, definedAt: string) {
  const window = { from, to };
  const fixed = (amountMinor: number) => ({ type: 'fixed', amount: { amountMinor, currency: CURRENCY } });
  return [
    {
      promotionId: 'promo-wknd10',
      code: 'WKND10',
      name: 'Weekend: 10.00 off orders from 50.00',
      window,
      allSkus: true,
      benefit: fixed(1000),
      allocation: 'across',
      funding: { source: 'retailer' },
      reducesTaxBase: true,
      accounting: { costCenter: 'MKT-WKND' },
      definedAt,
    },
    {
      promotionId: 'promo-vend5',
      code: 'VEND5',
      name: 'Acme kettle: 5.00 off, Acme pays',
      window,
      allSkus: false,
      eligibleSkus: ['ACME-KETTLE'],
      benefit: fixed(500),
      allocation: 'once',
      funding: { source: 'vendor', vendorId: 'acme', fundedShare: '100%' },
      reducesTaxBase: true,
      accounting: { costCenter: 'MKT-ACME' },
      definedAt,
    },
    {
      promotionId: 'promo-vend10',
      code: 'VEND10',
      name: 'Shopify: 10.00 off, Acme pays',
      window,
      allSkus: true,
      benefit: fixed(1000),
      allocation: 'once',
      funding: { source: 'vendor', vendorId: 'acme', fundedShare: '100%' },
      reducesTaxBase: true,
      accounting: { costCenter: 'MKT-ACME' },
      definedAt,
    },
  ];
}

/** 8% sales tax on the discounted line, half up, in integers. */
const taxOf = (amountMinor: number) => Math.floor((amountMinor * 8 + 50) / 100);

/** Largest remainder: `amount` split over `weights` in proportion, the parts summing to it exactly. */
function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    parts[i] += 1;
  }
  return parts;
}

interface PricedLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface WebOrder {
  orderId: string;
  fulfillment: 'ship' | 'pickup';
  storeId: string | null;
  totalMinor: number;
  place: Record<string, unknown>;
  lineIds: string[];
  /** Promotion applications the web shop's promotion engine records after placing. */
  applications: Array<{ promotionId: string; amountMinor: number }>;
}

/** Lines of order i: one to three items, two thirds of the orders with two or more (so they ship in parts). */
function linesOf(i: number): Array<Omit<PricedLine, 'discountMinor' | 'taxMinor'>> {
  const count = 1 + (i % 3 === 0 ? 0 : 1) + (i % 5 === 0 ? 1 : 0);
  return Array.from({ length: count }, (_, k) => {
    const item = CATALOG[(i * 7 + k * 3) % CATALOG.length];
    return { lineId: `L${k + 1}`, sku: item.sku, quantity: 1 + ((i + k) % 2), unitPriceMinor: item.unitPriceMinor };
  });
}

/** Discounts on lines: VEND5 on the Acme kettle, WKND10 across orders of 50.00 and more. */
function priced(i: number): { lines: PricedLine[]; discounts: Array<Record<string, unknown>>; applications: WebOrder['applications'] } {
  const lines = linesOf(i).map((line) => ({ ...line, discountMinor: 0, taxMinor: 0 }));
  const discounts: Array<Record<string, unknown>> = [];
  const applications: WebOrder['applications'] = [];
  const kettle = lines.find((line) => line.sku === 'ACME-KETTLE');
  if (kettle) {
    kettle.discountMinor += 500;
    discounts.push({
      promotionId: 'promo-vend5',
      code: 'VEND5',
      funding: { type: 'vendor', vendorId: 'acme' },
      amountMinor: 500,
      allocations: [{ lineId: kettle.lineId, amountMinor: 500 }],
    });
    applications.push({ promotionId: 'promo-vend5', amountMinor: 500 });
  }
  const gross = lines.map((line) => line.quantity * line.unitPriceMinor - line.discountMinor);
  if (gross.reduce((a, b) => a + b, 0) >= 5000) {
    const shares = allocate(1000, gross);
    lines.forEach((line, k) => (line.discountMinor += shares[k]));
    discounts.push({
      promotionId: 'promo-wknd10',
      code: 'WKND10',
      funding: { type: 'retailer' },
      amountMinor: 1000,
      allocations: lines.map((line, k) => ({ lineId: line.lineId, amountMinor: shares[k] })).filter((a) => a.amountMinor > 0),
    });
    applications.push({ promotionId: 'promo-wknd10', amountMinor: 1000 });
  }
  for (const line of lines) line.taxMinor = taxOf(line.quantity * line.unitPriceMinor - line.discountMinor);
  return { lines, discounts, applications };
}

const SHIPPING_MINOR = 799;

/** Web order i, placed `at`: shipped, or (i ending in 3: a quarter of the web shop's orders) picked up in one of the two stores. */
export function webOrder(i: number, at: string): WebOrder {
  const orderId = `web-${i}`;
  const pickup = i % 10 === 3;
  const storeId = pickup ? STORES[Math.floor(i / 10) % 2] : null;
  const { lines, discounts, applications } = priced(i);
  const shipping = pickup ? [] : [{ code: 'STANDARD', amountMinor: SHIPPING_MINOR }];
  const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor - l.discountMinor + l.taxMinor, 0) + (pickup ? 0 : SHIPPING_MINOR);
  return {
    orderId,
    fulfillment: pickup ? 'pickup' : 'ship',
    storeId,
    totalMinor,
    lineIds: lines.map((l) => l.lineId),
    applications,
    place: {
      orderId,
      channel: 'web',
      placedAt: at,
      companyCode: COMPANY,
      currency: CURRENCY,
      fulfillment: pickup ? { type: 'pickup', locationId: storeId } : { type: 'ship' },
      lines: lines.map(({ lineId, sku, quantity, unitPriceMinor }) => ({ lineId, sku, quantity, unitPriceMinor })),
      discounts,
      taxLines: lines.map((l) => ({ lineId: l.lineId, rate: '8%', amountMinor: l.taxMinor })),
      shippingLines: shipping,
      tenders: [{ kind: 'card', amountMinor: totalMinor, reference: `pi_${orderId}` }],
      sourceRef: `payload://web/${orderId}`,
    },
  };
}

/** POS sale i at a register: the lines rung up, VEND5 on the kettle, paid by card or (every third) cash. */
export function posSale(i: number, at: string): { storeId: string; registerId: string; cashMinor: number; body: Record<string, unknown> } {
  const storeId = STORES[i % 2];
  const registerId = REGISTERS[Math.floor(i / 2) % 2];
  const lines = linesOf(i + 1).map((line) => {
    const discountMinor = line.sku === 'ACME-KETTLE' ? 500 : 0;
    return { ...line, discountMinor, taxMinor: taxOf(line.quantity * line.unitPriceMinor - discountMinor) };
  });
  const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor - l.discountMinor + l.taxMinor, 0);
  const cash = i % 3 === 0;
  return {
    storeId,
    registerId,
    cashMinor: cash ? totalMinor : 0,
    body: {
      channel: 'pos',
      transactionId: `T${String(i).padStart(6, '0')}`,
      storeId,
      registerId,
      companyCode: COMPANY,
      currency: CURRENCY,
      completedAt: at,
      lines: lines.map((l, k) => ({
        lineNo: String(k + 1),
        sku: l.sku,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        tax: { rate: '8%', amountMinor: l.taxMinor },
        ...(l.discountMinor > 0 && { discounts: [{ promotionId: 'promo-vend5', amountMinor: l.discountMinor, vendorId: 'acme' }] }),
      })),
      tenders: [cash ? { kind: 'cash', amountMinor: totalMinor } : { kind: 'card', amountMinor: totalMinor, reference: `AUTH${i}` }],
      totalMinor,
    },
  };
}

/** Shopify's webhooks for one order, in the order a shop with manual capture sends them. */
export const SHOPIFY_TOPICS = [
  ['orders/create', 'life-orders-create.json'],
  ['order_transactions/create', 'life-order_transactions-authorization.json'],
  ['fulfillments/create', 'life-fulfillments-create.json'],
  ['order_transactions/create', 'life-order_transactions-capture.json'],
] as const;

/**
 * A real Shopify order's life (test/fixtures/shopify, see its README): 439.25 with VEND10 on a
 * line. Run from dist/demo, so the fixtures are two folders up.
 */
const SHOPIFY_FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'shopify');
const shopifyBodies = SHOPIFY_TOPICS.map(([, file]) => readFileSync(join(SHOPIFY_FIXTURES, file), 'utf8'));
const SHOPIFY_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00/g;

/**
 * Shopify order i's webhook `step` as Shopify would send it, sent `at`: every id of the order made
 * its own (as text: they are beyond 2^53), every time the moment it is sent, so the sagas that
 * stamp their steps with the clock and the channel's own times fall on the same posting day.
 */
export function shopifyWebhook(i: number, step: number, at: string): { topic: string; body: Buffer; orderId: string } {
  const n = String(i).padStart(6, '0');
  const order = `8209829119${n}08`;
  const text = shopifyBodies[step]
    .replaceAll('820982911946154508', order)
    .replaceAll('120560818172775265', `1205608181${n}65`)
    .replaceAll('120560818172775266', `1205608181${n}66`)
    .replace('"id": 123456,', `"id": ${1_000_000 + i},`)
    .replace('Fulfillment/123456"', `Fulfillment/${1_000_000 + i}"`)
    .replace(SHOPIFY_TIME, at.replace(/Z$/, '+00:00'));
  return { topic: SHOPIFY_TOPICS[step][0], body: Buffer.from(text, 'utf8'), orderId: `shopify-${order}` };
}
