import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireChannelWrite, RequireScope } from '../../access/access-requirements';
import { CommandAnswer } from '../../edge/command-answer';
import { CommandContext } from '../../edge/command-context';
import { EntityIdParam } from '../../edge/path-params';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ExampleBody } from '../../api-docs/documented';
import { GIFT_CARD_VIEW, SELL_GIFT_CARD, SOLD } from './gift-card-examples';
import { GiftCardView } from '../dto/gift-card.view';
import { SellGiftCardDto } from '../dto/sell-gift-card.dto';
import { GiftCardCommands } from '../gift-card-commands.service';

@ApiTags('gift cards')
@Controller('gift-cards')
export class GiftCardHttpController {
  constructor(@Inject(GiftCardCommands) private readonly giftCards: GiftCardCommands) {}

  /** A channel sells for itself only: the key needs channel:<body.channel>:write. */
  @Post()
  @RequireChannelWrite('body.channel')
  @Idempotent()
  @ApiOperation({ summary: 'Record a gift card sold (a liability until it is spent).', description: 'Needs channel:<body.channel>:write.' })
  @ExampleBody(SellGiftCardDto, SELL_GIFT_CARD)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: SOLD,
  })
  sell(@Body() dto: SellGiftCardDto, @CommandContext() context: CommandContext) {
    return this.giftCards.sell(dto, context);
  }

  @Get(':giftCardId')
  @RequireScope('finance:read')
  @ApiOperation({ summary: 'The gift card sale as recorded (redemptions are on the orders that spent it).' })
  @ApiOkResponse({ description: 'The gift card', type: GiftCardView, example: GIFT_CARD_VIEW })
  read(@Param('giftCardId', EntityIdParam) giftCardId: string) {
    return this.giftCards.view(giftCardId);
  }
}
