import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import type { BusinessErrorCommand } from './business-errors.commands';
import type { BusinessErrorEvent } from './business-errors.events';
import type { BusinessErrorState } from './business-errors.evolve';

/** Every reason a business-error command can be refused; stable codes for API clients. */
export const BUSINESS_ERROR_REFUSALS = ['BUSINESS_ERROR_NOT_FOUND', 'BUSINESS_ERROR_CLOSED'] as const;

/** Only an open entry can be reprocessed or dismissed. */
export function requireOpen(state: BusinessErrorState): void {
  if (!state.entry) throw new BusinessRuleRefusal('BUSINESS_ERROR_NOT_FOUND', 'no such entry on the business-error queue');
  if (state.status !== 'open') {
    throw new BusinessRuleRefusal('BUSINESS_ERROR_CLOSED', `the entry is ${state.status}: nothing is left to do with it`, { status: state.status });
  }
}

export function decideBusinessError(command: BusinessErrorCommand, state: BusinessErrorState): BusinessErrorEvent[] {
  if (command.kind === 'RecordBusinessError') return state.entry ? [] : [{ type: 'ChannelPayloadRejected', data: command.error }];
  requireOpen(state);
  switch (command.kind) {
    case 'RecordReprocessing':
      return [{ type: 'BusinessErrorReprocessed', data: { outcome: command.outcome, by: command.by, at: command.at } }];
    case 'DismissBusinessError':
      return [{ type: 'BusinessErrorDismissed', data: { reason: command.reason, by: command.by, at: command.at } }];
  }
}
