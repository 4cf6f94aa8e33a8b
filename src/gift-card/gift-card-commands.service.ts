import { Inject, Injectable } from '@nestjs/common';
import { commandAnswer, type CommandAnswer } from '../edge/command-answer';
import type { CommandContext } from '../edge/command-context';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import { giftCardView, type GiftCardView } from './dto/gift-card.view';
import type { SellGiftCardDto } from './dto/sell-gift-card.dto';
import { giftCardAggregate } from './gift-card.aggregate';
import type { SellGiftCard } from './gift-card.commands';

/** What the HTTP routes and gRPC methods both call for gift cards. */
@Injectable()
export class GiftCardCommands {
  private readonly giftCards: CommandsOf<typeof giftCardAggregate>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.giftCards = new AggregateCommands(dispatcher, giftCardAggregate);
  }

  async sell(dto: SellGiftCardDto, context: CommandContext): Promise<CommandAnswer> {
    const command: SellGiftCard = {
      kind: 'SellGiftCard',
      giftCardId: dto.giftCardId,
      companyCode: dto.companyCode,
      currency: dto.currency,
      amountMinor: dto.amountMinor,
      tender: { kind: dto.tender.kind, ...(dto.tender.reference !== undefined && { reference: dto.tender.reference }) },
      channel: dto.channel,
      soldAt: dto.soldAt,
      sourceRef: dto.sourceRef,
    };
    // The selling channel goes on the envelope, as for orders, so the journal's lineage names it.
    const outcome = await this.giftCards.send(dto.giftCardId, command, context, { channel: dto.channel });
    return commandAnswer(dto.giftCardId, outcome);
  }

  async view(giftCardId: string): Promise<GiftCardView> {
    const { state, revision } = await this.giftCards.current(giftCardId);
    if (!state.sold) throw new EntityNotFoundError('gift card', giftCardId);
    return giftCardView(state.sold, revision);
  }
}
