import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireChannelWrite, RequireScope } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { GiftCardRefDto, SellGiftCardDto } from '../dto/sell-gift-card.dto';
import { GiftCardCommands } from '../gift-card-commands.service';

/** `ledgerbridge.gift_card.v1.GiftCards` (proto/ledgerbridge/gift_card/v1/gift_card.proto): the HTTP routes' twins. */
@Controller()
export class GiftCardGrpcController {
  constructor(@Inject(GiftCardCommands) private readonly giftCards: GiftCardCommands) {}

  @GrpcMethod('GiftCards', 'SellGiftCard')
  @RequireChannelWrite('body.channel')
  @Idempotent()
  sell(@Payload() dto: SellGiftCardDto, @CommandContext() context: CommandContext) {
    return this.giftCards.sell(dto, context);
  }

  @GrpcMethod('GiftCards', 'GetGiftCard')
  @RequireScope('finance:read')
  read(@Payload() dto: GiftCardRefDto) {
    return this.giftCards.view(dto.giftCardId);
  }
}
