import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';

/** Every reason a channel refund command can be refused; stable codes for API clients. */
export const CHANNEL_REFUND_REFUSALS = ['CHANNEL_REFUND_CONFLICT'] as const;

export type ChannelRefundRefusalCode = (typeof CHANNEL_REFUND_REFUSALS)[number];

export function refuse(code: ChannelRefundRefusalCode, message: string, details: Record<string, unknown> = {}): never {
  throw new BusinessRuleRefusal(code, message, details);
}
