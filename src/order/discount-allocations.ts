import { allocate } from '../money';
import type { DiscountApplicationInput, LineAmount } from './order.commands';
import type { DiscountApplication, LineDiscount } from './order.events';
import { refuse, requireAmount } from './order-refusals';

interface LineWeight {
  lineId: string;
  grossMinor: number;
}

/** A promotion's share of a line, carrying its identity and funding; no `code` key when it has none. */
export function lineDiscount(promotion: Pick<DiscountApplication, 'promotionId' | 'code' | 'funding'>, amountMinor: number): LineDiscount {
  return {
    promotionId: promotion.promotionId,
    ...(promotion.code !== undefined ? { code: promotion.code } : {}),
    funding: promotion.funding,
    amountMinor,
  };
}

/**
 * What tells an order's discount applications apart: the promotion and who funds it. A promotion
 * a vendor funds only in part is two applications, the vendor's share and the retailer's rest.
 */
export function applicationKey(application: Pick<LineDiscount, 'promotionId' | 'funding'>): string {
  const funder = application.funding === 'retailer' ? 'retailer' : application.funding.vendorId;
  // The id's length first, so no two pairs make one key, whatever characters either holds.
  return `${application.promotionId.length}:${application.promotionId}|${funder}`;
}

/**
 * Resolves each application's per-line split: the channel's allocations when given (they must
 * name known lines and sum to the discount), otherwise the discount spread over the lines in
 * proportion to their pre-discount amounts by largest remainder (DESIGN: money and allocation).
 */
export function resolveDiscounts(inputs: readonly DiscountApplicationInput[], lines: readonly LineWeight[]): DiscountApplication[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const key = applicationKey(input);
    if (seen.has(key)) {
      refuse('DUPLICATE_DISCOUNT_APPLICATION', `promotion ${input.promotionId} is applied twice with the same funding`, { promotionId: input.promotionId });
    }
    seen.add(key);
    const amountMinor = requireAmount(input.amountMinor, `discount ${input.promotionId}`);
    const allocations = input.allocations === undefined ? proportional(amountMinor, lines) : checked(input, lines);
    return { ...lineDiscount(input, amountMinor), allocations: allocations.filter((a) => a.amountMinor > 0) };
  });
}

function proportional(amountMinor: number, lines: readonly LineWeight[]): LineAmount[] {
  const parts = allocate(
    amountMinor,
    lines.map((line) => line.grossMinor),
  );
  return lines.map((line, i) => ({ lineId: line.lineId, amountMinor: parts[i] }));
}

function checked(input: DiscountApplicationInput, lines: readonly LineWeight[]): LineAmount[] {
  const allocations = input.allocations ?? [];
  const lineIds = new Set(lines.map((line) => line.lineId));
  const named = new Map<string, LineAmount>();
  for (const allocation of allocations) {
    if (!lineIds.has(allocation.lineId)) {
      refuse('UNKNOWN_LINE', `discount ${input.promotionId} is allocated to unknown line ${allocation.lineId}`, { lineId: allocation.lineId });
    }
    if (named.has(allocation.lineId)) {
      refuse('DUPLICATE_LINE_ID', `discount ${input.promotionId} names line ${allocation.lineId} twice`, { lineId: allocation.lineId });
    }
    named.set(allocation.lineId, allocation);
    requireAmount(allocation.amountMinor, `allocation of ${input.promotionId} to line ${allocation.lineId}`);
  }
  const allocatedMinor = allocations.reduce((a, b) => a + b.amountMinor, 0);
  if (allocatedMinor !== input.amountMinor) {
    refuse('DISCOUNT_ALLOCATION_MISMATCH', `allocations of ${input.promotionId} sum to ${allocatedMinor}, not ${input.amountMinor}`, {
      promotionId: input.promotionId,
      amountMinor: input.amountMinor,
      allocatedMinor,
    });
  }
  // In line order, whatever order the channel listed them in, so equal orders give equal events.
  return lines.flatMap((line) => {
    const allocation = named.get(line.lineId);
    return allocation ? [{ lineId: allocation.lineId, amountMinor: allocation.amountMinor }] : [];
  });
}
