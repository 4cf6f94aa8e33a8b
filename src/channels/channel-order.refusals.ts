import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/** Every reason a channel-order fact can be refused; stable codes for API clients and the business-error queue. */
export const CHANNEL_ORDER_REFUSALS = ['CHANNEL_TRANSACTION_CONFLICT', 'CHANNEL_FULFILLMENT_CONFLICT', 'CHANNEL_FULFILLMENT_REVERSED'] as const;

export type ChannelOrderRefusalCode = (typeof CHANNEL_ORDER_REFUSALS)[number];

export function refuse(code: ChannelOrderRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
