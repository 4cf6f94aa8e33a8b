import { Inject, Injectable } from '@nestjs/common';
import { commandAnswer, type CommandAnswer } from '../edge/command-answer';
import type { CommandContext } from '../edge/command-context';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import type { DefinePromotionDto } from './dto/define-promotion.dto';
import { promotionView, type PromotionView } from './dto/promotion.view';
import { promotionAggregate } from './promotion.aggregate';
import type { DefinePromotion, PromotionCommand } from './promotion.commands';

/** What the HTTP routes and gRPC methods both call: a promotion command on its stream, or its current view. */
@Injectable()
export class PromotionCommands {
  private readonly promotions: CommandsOf<typeof promotionAggregate>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    // The decider calls it a refusal; at the edge a command for a promotion nobody defined is an unknown entity.
    this.promotions = new AggregateCommands(dispatcher, promotionAggregate, { code: 'PROMOTION_NOT_FOUND', entity: 'promotion' });
  }

  async send(command: PromotionCommand, context: CommandContext): Promise<CommandAnswer> {
    const { promotionId } = command;
    return commandAnswer(promotionId, await this.promotions.send(promotionId, command, context));
  }

  async view(promotionId: string): Promise<PromotionView> {
    const { state, revision } = await this.promotions.current(promotionId);
    const { definition } = state;
    if (!definition) throw new EntityNotFoundError('promotion', promotionId);
    return promotionView({ ...state, definition }, revision);
  }
}

export function toDefinePromotion(dto: DefinePromotionDto): DefinePromotion {
  const { benefit, funding } = dto;
  return {
    kind: 'DefinePromotion',
    promotionId: dto.promotionId,
    code: dto.code,
    name: dto.name,
    window: { from: dto.window.from, to: dto.window.to },
    eligibleSkus: dto.allSkus ? 'all' : (dto.eligibleSkus ?? []),
    benefit: benefit.type === 'fixed' ? { type: 'fixed', amount: { ...benefit.amount! } } : { type: 'percentage', rate: benefit.rate! },
    allocation: dto.allocation,
    funding: funding.source === 'vendor' ? { source: 'vendor', vendorId: funding.vendorId!, fundedShare: funding.fundedShare! } : { source: 'retailer' },
    reducesTaxBase: dto.reducesTaxBase,
    accounting: { ...dto.accounting },
    ...(dto.budget && { budget: { ...dto.budget } }),
    ...(dto.usageLimit !== undefined && { usageLimit: dto.usageLimit }),
    definedAt: dto.definedAt,
  };
}
