import { decideApplication, decideClawback, decideRelease } from './order-application.decide';
import { checkInstant } from './promotion-checks';
import type { PromotionCommand } from './promotion.commands';
import { checkDefinition } from './promotion-definition';
import type { PromotionDefinition, PromotionEvent } from './promotion.events';
import { refuse } from './promotion.refusals';
import type { PromotionState } from './promotion.state';

/**
 * Activation and deactivation are idempotent (an operator pressing twice changes nothing);
 * everything about orders lives in order-application.decide.ts.
 */
export function decidePromotion(command: PromotionCommand, state: PromotionState): PromotionEvent[] {
  if (command.kind === 'DefinePromotion') {
    if (state.definition) refuse('PROMOTION_ALREADY_DEFINED', `promotion ${command.promotionId} is already defined`, { code: state.definition.code });
    return [{ type: 'PromotionDefined', data: checkDefinition(command) }];
  }
  const definition = state.definition;
  if (!definition) refuse('PROMOTION_NOT_FOUND', `promotion ${command.promotionId} is not defined`, { promotionId: command.promotionId });
  const { promotionId } = definition;
  switch (command.kind) {
    case 'ActivatePromotion':
      checkInstant(command.at);
      return state.active ? [] : activate(definition, command.at);
    case 'DeactivatePromotion':
      checkInstant(command.at);
      if (!state.active) return [];
      return [{ type: 'PromotionDeactivated', data: { promotionId, at: command.at, ...(command.reason !== undefined && { reason: command.reason }) } }];
    case 'RecordPublication':
      checkInstant(command.at);
      if (command.status === 'published') return [{ type: 'PromotionPublished', data: { promotionId, channel: command.channel, at: command.at } }];
      if (!command.reason?.trim()) refuse('PUBLICATION_REASON_REQUIRED', 'a failed publication must say why, for the operators who fix it');
      return [{ type: 'PromotionPublicationFailed', data: { promotionId, channel: command.channel, reason: command.reason, at: command.at } }];
    case 'RecordApplication':
      return decideApplication(command, definition, state);
    case 'ReleaseApplication':
      return decideRelease(command, definition, state);
    case 'RecordClawback':
      return decideClawback(command, definition, state);
  }
}

// Activating ahead of the window is how promotions are scheduled; after it, nothing could apply.
function activate(definition: PromotionDefinition, at: string): PromotionEvent[] {
  if (checkInstant(at) >= checkInstant(definition.window.to)) {
    refuse('PROMOTION_EXPIRED', `promotion ${definition.code} ended at ${definition.window.to}`, { at, windowTo: definition.window.to });
  }
  return [{ type: 'PromotionActivated', data: { promotionId: definition.promotionId, at } }];
}
