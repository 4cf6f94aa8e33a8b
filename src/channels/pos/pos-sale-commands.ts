import type { DiscountApplicationInput, OrderCommand, PlaceOrder } from '../../order/order.commands';
import { composedId } from '../composed-id';
import type { TotalsDifference } from '../totals-difference';
import type { PosTransactionDto } from './pos-transaction.dto';

/** Where a POS sale lives: one order per register transaction, `<channel>-<storeId>-<registerId>-<transactionId>` by the composed id rule. */
export function posOrderId(sale: PosTransactionDto): string {
  return composedId([sale.channel, sale.storeId, sale.registerId, sale.transactionId]);
}

/**
 * The plain `-` join the order id was before the composed id rule. It differs from posOrderId
 * only when a part before the transaction holds `-` or `:`; a sale recorded then may live there
 * (the first of the sales that met on it).
 */
export function legacyPosOrderId(sale: PosTransactionDto): string {
  return [sale.channel, sale.storeId, sale.registerId, sale.transactionId].join('-');
}

/** The sale's stated total and tenders against what its lines add up to. */
export function posSaleDifferences(sale: PosTransactionDto): TotalsDifference[] {
  const computed = sale.lines.reduce((sum, line) => {
    const discounts = (line.discounts ?? []).reduce((s, d) => s + d.amountMinor, 0);
    const tax = line.tax && !line.taxIncluded ? line.tax.amountMinor : 0;
    return sum + line.unitPriceMinor * line.quantity - discounts + tax;
  }, 0);
  const tendered = sale.tenders.reduce((sum, t) => sum + t.amountMinor, 0);
  return [
    { field: 'totalMinor', computedMinor: computed, statedMinor: sale.totalMinor },
    { field: 'tenders', computedMinor: sale.totalMinor, statedMinor: tendered },
  ].filter((d) => d.computedMinor !== d.statedMinor);
}

/**
 * A completed register sale is an order sold at the counter: PlaceOrder (pickup at the store,
 * `soldAtCounter`), the card part authorized and captured, then PickupConfirmed. Cash stays in
 * the drawer and reaches the ledger through the register close.
 */
export function posSaleCommands(sale: PosTransactionDto, orderId: string, sourceRef: string): Array<{ step: string; command: OrderCommand }> {
  const byPromotion = new Map<string, DiscountApplicationInput>();
  for (const line of sale.lines) {
    for (const discount of line.discounts ?? []) {
      const application = byPromotion.get(discount.promotionId) ?? {
        promotionId: discount.promotionId,
        funding: discount.vendorId ? { vendorId: discount.vendorId } : 'retailer',
        amountMinor: 0,
        allocations: [],
      };
      application.amountMinor += discount.amountMinor;
      application.allocations!.push({ lineId: line.lineNo, amountMinor: discount.amountMinor });
      byPromotion.set(discount.promotionId, application);
    }
  }
  const place: PlaceOrder = {
    kind: 'PlaceOrder',
    orderId,
    channel: sale.channel,
    placedAt: sale.completedAt,
    companyCode: sale.companyCode,
    currency: sale.currency,
    fulfillment: { type: 'pickup', locationId: sale.storeId },
    soldAtCounter: true,
    lines: sale.lines.map((l) => ({ lineId: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, taxIncluded: l.taxIncluded ?? false })),
    discounts: [...byPromotion.values()],
    taxLines: sale.lines.flatMap((l) => (l.tax ? [{ lineId: l.lineNo, rate: l.tax.rate, amountMinor: l.tax.amountMinor }] : [])),
    tenders: sale.tenders.map((t) => ({ kind: t.kind, amountMinor: t.amountMinor, ...(t.reference ? { reference: t.reference } : {}) })),
    sourceRef,
  };
  const steps: Array<{ step: string; command: OrderCommand }> = [{ step: 'place-order', command: place }];
  const cardMinor = sale.tenders.filter((t) => t.kind === 'card').reduce((sum, t) => sum + t.amountMinor, 0);
  if (cardMinor > 0) {
    const paymentId = `${place.orderId}-card`;
    const money = { amountMinor: cardMinor, currency: sale.currency, at: sale.completedAt };
    steps.push({ step: 'authorize-card', command: { kind: 'AuthorizePayment', authorizationId: paymentId, ...money } });
    steps.push({ step: 'capture-card', command: { kind: 'CapturePayment', captureId: paymentId, ...money } });
  }
  steps.push({ step: 'hand-over', command: { kind: 'ConfirmPickup', pickupId: `${place.orderId}-counter`, at: sale.completedAt } });
  return steps;
}
