import { applyRate, includedTax, isCurrencyCode, rate, type Rate } from '../money';
import { totalsOf } from './amount-totals';
import { lineDiscount, resolveDiscounts } from './discount-allocations';
import type { OrderLineInput, PlaceOrder, TaxLineInput } from './order.commands';
import type { DiscountApplication, LineDiscount, LineTax, OrderPlacedData, PricedLine, ShippingCharge, Tender } from './order.events';
import { orderOverLimits } from './order-limits';
import { refuse, requireAmount, requireQuantity } from './order-refusals';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Turns a PlaceOrder into the canonical order: each line with its discounts by promotion, its
 * taxes and its revenue, and the order's totals. Refuses anything that does not add up.
 */
export function priceOrder(command: PlaceOrder): OrderPlacedData {
  const over = orderOverLimits(command);
  if (over) refuse('ORDER_TOO_LARGE', `the order has ${over.count} ${over.what}; at most ${over.max} (docs/channels.md "Limits")`, { ...over });
  if (!isCurrencyCode(command.currency)) refuse('UNKNOWN_CURRENCY', `${command.currency} is not an ISO 4217 currency`, { currency: command.currency });
  const lines = checkedLines(command.lines);
  const discounts = resolveDiscounts(command.discounts ?? [], lines);
  // Grouped by line in one pass: an order holds up to 500 lines and 1000 tax lines (docs/channels.md "Limits").
  const taxesByLine = new Map<string, TaxLineInput[]>(lines.map((line) => [line.lineId, []]));
  for (const tax of command.taxLines ?? []) {
    const taxes = taxesByLine.get(tax.lineId);
    if (!taxes) refuse('UNKNOWN_LINE', `a tax line names unknown line ${tax.lineId}`, { lineId: tax.lineId });
    taxes.push(tax);
  }
  const discountsByLine = lineDiscountsOf(discounts);
  const priced = lines.map((line) => priceLine(line, discountsByLine.get(line.lineId) ?? [], taxesByLine.get(line.lineId)!));
  const shipping: ShippingCharge[] = (command.shippingLines ?? []).map((s) => ({
    code: s.code,
    amountMinor: requireAmount(s.amountMinor, `shipping ${s.code}`),
    taxMinor: requireAmount(s.taxMinor ?? 0, `tax on shipping ${s.code}`),
  }));
  const tenders: Tender[] = (command.tenders ?? []).map((t) => ({
    kind: t.kind,
    amountMinor: requireAmount(t.amountMinor, `${t.kind} tender`),
    ...(t.reference !== undefined ? { reference: t.reference } : {}),
  }));
  const totals = totalsOf(priced, shipping, discounts);
  requireAmount(totals.totalMinor, 'order total');
  const tenderedMinor = sum(tenders.map((t) => t.amountMinor));
  if (tenders.length > 0 && tenderedMinor !== totals.totalMinor) {
    refuse('TENDER_TOTAL_MISMATCH', `tenders sum to ${tenderedMinor}, the order total is ${totals.totalMinor}`, {
      tenderedMinor,
      totalMinor: totals.totalMinor,
    });
  }
  return {
    orderId: command.orderId,
    channel: command.channel,
    placedAt: command.placedAt,
    companyCode: command.companyCode,
    currency: command.currency,
    fulfillment: command.fulfillment.type === 'pickup' ? { type: 'pickup', locationId: command.fulfillment.locationId } : { type: 'ship' },
    lines: priced,
    discounts,
    shipping,
    tenders,
    totals,
    ...(command.soldAtCounter ? { soldAtCounter: true as const } : {}),
    ...(command.capturedByChannel ? { capturedByChannel: true as const } : {}),
    sourceRef: command.sourceRef,
  };
}

type CheckedLine = Required<OrderLineInput> & { grossMinor: number };

function checkedLines(lines: readonly OrderLineInput[]): CheckedLine[] {
  if (lines.length === 0) refuse('NO_LINES', 'an order needs at least one line');
  const seen = new Set<string>();
  return lines.map((line) => {
    if (seen.has(line.lineId)) refuse('DUPLICATE_LINE_ID', `line ${line.lineId} appears twice`, { lineId: line.lineId });
    seen.add(line.lineId);
    const quantity = requireQuantity(line.quantity, line.lineId);
    const unitPriceMinor = requireAmount(line.unitPriceMinor, `unit price of line ${line.lineId}`);
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity,
      unitPriceMinor,
      taxIncluded: line.taxIncluded ?? false,
      grossMinor: requireAmount(quantity * unitPriceMinor, `amount of line ${line.lineId}`),
    };
  });
}

/** Each line's discounts, in the order of the applications. */
function lineDiscountsOf(applications: readonly DiscountApplication[]): Map<string, LineDiscount[]> {
  const byLine = new Map<string, LineDiscount[]>();
  for (const application of applications) {
    for (const allocation of application.allocations) {
      const discounts = byLine.get(allocation.lineId) ?? [];
      discounts.push(lineDiscount(application, allocation.amountMinor));
      byLine.set(allocation.lineId, discounts);
    }
  }
  return byLine;
}

function priceLine(line: CheckedLine, discounts: LineDiscount[], taxInputs: readonly TaxLineInput[]): PricedLine {
  const discountMinor = sum(discounts.map((d) => d.amountMinor));
  if (discountMinor > line.grossMinor) {
    refuse('DISCOUNT_EXCEEDS_LINE_AMOUNT', `line ${line.lineId} is discounted by ${discountMinor}, more than its ${line.grossMinor}`, {
      lineId: line.lineId,
      discountMinor,
      grossMinor: line.grossMinor,
    });
  }
  // The discounted line amount is the tax base; for tax-included prices it already holds the tax.
  const baseMinor = line.grossMinor - discountMinor;
  const taxes = taxInputs.map((input) => lineTax(input, line, baseMinor));
  const taxMinor = sum(taxes.map((t) => t.amountMinor));
  if (line.taxIncluded && taxMinor > baseMinor) {
    refuse('TAX_EXCEEDS_LINE_AMOUNT', `included tax ${taxMinor} on line ${line.lineId} exceeds the ${baseMinor} paid for it`, {
      lineId: line.lineId,
      taxMinor,
      baseMinor,
    });
  }
  return {
    lineId: line.lineId,
    sku: line.sku,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    taxIncluded: line.taxIncluded,
    grossMinor: line.grossMinor,
    revenueMinor: line.taxIncluded ? line.grossMinor - taxMinor : line.grossMinor,
    discounts,
    discountMinor,
    taxes,
    taxMinor,
  };
}

/** Channel-provided tax is posted as given; only a missing amount is computed, half-even. */
function lineTax(input: TaxLineInput, line: CheckedLine, baseMinor: number): LineTax {
  const parsed = parsedRate(input.rate, line.lineId);
  const amountMinor =
    input.amountMinor === undefined
      ? line.taxIncluded
        ? includedTax(baseMinor, parsed)
        : applyRate(baseMinor, parsed)
      : requireAmount(input.amountMinor, `tax on line ${line.lineId}`);
  return { rate: input.rate, amountMinor, channelRemitted: input.channelRemitted ?? false };
}

function parsedRate(text: string, lineId: string): Rate {
  try {
    return rate(text);
  } catch {
    return refuse('INVALID_TAX_RATE', `tax rate ${JSON.stringify(text)} on line ${lineId} is not a rate such as "8%"`, { lineId, rate: text });
  }
}
