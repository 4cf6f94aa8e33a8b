import type { AggregateType, Decider } from '../runtime/decider';
import type { SettlementCommand } from './settlement.commands';
import { decideSettlement } from './settlement.decide';
import type { SettlementEvent } from './settlement.events';
import { evolveSettlement } from './settlement.evolve';
import { initialSettlementState, type SettlementState } from './settlement.state';

export const settlementDecider: Decider<SettlementCommand, SettlementEvent, SettlementState> = {
  initialState: initialSettlementState,
  decide: decideSettlement,
  evolve: evolveSettlement,
};

/** Streams `settlement-<provider>/<payoutId>`: one per payout, keyed by provider because payout ids are only unique per provider. */
export const settlementAggregate: AggregateType<SettlementCommand, SettlementEvent, SettlementState> = {
  category: 'settlement',
  decider: settlementDecider,
};

// Each part is URI-encoded so no provider or payout id can forge another's key with a '/'.
export function settlementId(report: { provider: string; payoutId: string }): string {
  return [report.provider, report.payoutId].map(encodeURIComponent).join('/');
}
