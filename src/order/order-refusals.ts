import { isMinorUnits } from '../money/minor-units';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/** Why an order command was refused: one code per rule, stable for API clients. */
export const ORDER_REFUSAL_CODES = [
  'ORDER_NOT_FOUND',
  'ORDER_ALREADY_PLACED',
  'ORDER_CANCELLED',
  'INVALID_TIMESTAMP',
  'UNKNOWN_CURRENCY',
  'CURRENCY_MISMATCH',
  'NO_LINES',
  'ORDER_TOO_LARGE',
  'DUPLICATE_LINE_ID',
  'UNKNOWN_LINE',
  'INVALID_QUANTITY',
  'INVALID_AMOUNT',
  'DUPLICATE_DISCOUNT_APPLICATION',
  'DISCOUNT_ALLOCATION_MISMATCH',
  'DISCOUNT_EXCEEDS_LINE_AMOUNT',
  'INVALID_TAX_RATE',
  'TAX_EXCEEDS_LINE_AMOUNT',
  'TENDER_TOTAL_MISMATCH',
  'AUTHORIZATION_ALREADY_RECORDED',
  'AUTHORIZATION_EXCEEDS_ORDER_TOTAL',
  'UNKNOWN_AUTHORIZATION',
  'AUTHORIZATION_ALREADY_VOIDED',
  'AUTHORIZATION_FULLY_CAPTURED',
  'CAPTURE_ALREADY_RECORDED',
  'CAPTURE_EXCEEDS_AUTHORIZATION',
  'RESERVE_QUANTITY_EXCEEDS_REMAINING',
  'RELEASE_QUANTITY_EXCEEDS_RESERVED',
  'FULFILLMENT_TYPE_MISMATCH',
  'SHIPMENT_ALREADY_RECORDED',
  'SHIP_QUANTITY_EXCEEDS_REMAINING',
  'NOTHING_LEFT_TO_PICK_UP',
  'ORDER_ALREADY_FULFILLED',
  'RETURN_ALREADY_RECORDED',
  'RETURN_QUANTITY_EXCEEDS_SHIPPED',
  'UNKNOWN_RETURN',
  'RETURN_ALREADY_RECEIVED',
  'RECEIVE_QUANTITY_EXCEEDS_REQUESTED',
  'REFUND_ALREADY_RECORDED',
  'REFUND_EXCEEDS_CAPTURED',
] as const;

export type OrderRefusalCode = (typeof ORDER_REFUSAL_CODES)[number];

export function refuse(code: OrderRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}

/** Amounts on the ledger path, given or derived (a line's price times its quantity, a total), are whole minor units up to 10^12; `positive` for money that must move. */
export function requireAmount(amountMinor: number, what: string, positive = false): number {
  if (!isMinorUnits(amountMinor, positive ? 1 : 0)) {
    refuse('INVALID_AMOUNT', `${what} must be a ${positive ? 'positive' : 'non-negative'} whole number of minor units, at most 10^12`, { what, amountMinor });
  }
  return amountMinor;
}

export function requireQuantity(quantity: number, lineId: string): number {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    refuse('INVALID_QUANTITY', `quantity for line ${lineId} must be a positive integer`, { lineId, quantity });
  }
  return quantity;
}
