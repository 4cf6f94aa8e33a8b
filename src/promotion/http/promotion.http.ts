import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../access/access-requirements';
import { CommandAnswer } from '../../edge/command-answer';
import { CommandContext } from '../../edge/command-context';
import { EntityIdParam } from '../../edge/path-params';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ExampleBody } from '../../api-docs/documented';
import * as example from './promotion-examples';
import { DefinePromotionDto } from '../dto/define-promotion.dto';
import { ActivationDto, ApplicationDto, ClawbackDto, DeactivationDto, PublicationDto } from '../dto/promotion-steps.dto';
import { PromotionView } from '../dto/promotion.view';
import { PromotionCommands, toDefinePromotion } from '../promotion-commands.service';

@ApiTags('promotions')
@Controller('promotions')
export class PromotionHttpController {
  constructor(@Inject(PromotionCommands) private readonly promotions: PromotionCommands) {}

  @Post()
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: 'Define a promotion: code, window, eligible SKUs, benefit, allocation, funding, budget, usage limit and accounting.' })
  @ExampleBody(DefinePromotionDto, example.DEFINE, 'SAVE10 (DESIGN.md)')
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.DEFINED,
  })
  define(@Body() dto: DefinePromotionDto, @CommandContext() context: CommandContext) {
    return this.promotions.send(toDefinePromotion(dto), context);
  }

  @Post(':id/activation')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: 'Activate the promotion: channels may apply it from then on.' })
  @ExampleBody(ActivationDto, example.ACTIVATE)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.ACTIVATED,
  })
  activate(@Param('id', EntityIdParam) promotionId: string, @Body() dto: ActivationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'ActivatePromotion', promotionId, at: dto.at }, context);
  }

  @Post(':id/deactivation')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: 'Deactivate the promotion, with an optional reason.' })
  @ExampleBody(DeactivationDto, example.DEACTIVATE)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.DEACTIVATED,
  })
  deactivate(@Param('id', EntityIdParam) promotionId: string, @Body() dto: DeactivationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'DeactivatePromotion', promotionId, at: dto.at, ...(dto.reason !== undefined && { reason: dto.reason }) }, context);
  }

  @Post(':id/publications')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: "Record a channel's answer to the promotion's publication (published, or failed with the reason)." })
  @ExampleBody(PublicationDto, example.PUBLISH)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.PUBLISHED,
  })
  recordPublication(@Param('id', EntityIdParam) promotionId: string, @Body() dto: PublicationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordPublication', promotionId, ...dto }, context);
  }

  @Post(':id/applications')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: 'Record the promotion applied to an order, with the amount.' })
  @ExampleBody(ApplicationDto, example.APPLY)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.APPLIED,
  })
  recordApplication(@Param('id', EntityIdParam) promotionId: string, @Body() dto: ApplicationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordApplication', promotionId, orderId: dto.orderId, amount: { ...dto.amount }, at: dto.at }, context);
  }

  @Post(':id/applications/:orderId/release')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: "Release an order's application (the order was cancelled)." })
  @ExampleBody(ActivationDto, example.RELEASE)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.RELEASED,
  })
  release(
    @Param('id', EntityIdParam) promotionId: string,
    @Param('orderId', EntityIdParam) orderId: string,
    @Body() dto: ActivationDto,
    @CommandContext() context: CommandContext,
  ) {
    return this.promotions.send({ kind: 'ReleaseApplication', promotionId, orderId, at: dto.at }, context);
  }

  @Post(':id/clawbacks')
  @RequireScope('promotions:write')
  @Idempotent()
  @ApiOperation({ summary: "Record a clawback of the promotion's amount on a returned order." })
  @ExampleBody(ClawbackDto, example.CLAW_BACK)
  @ApiCreatedResponse({
    description: 'Recorded (or, for a repeated Idempotency-Key, the first answer again): the id, its revision and the events',
    type: CommandAnswer,
    example: example.CLAWED_BACK,
  })
  recordClawback(@Param('id', EntityIdParam) promotionId: string, @Body() dto: ClawbackDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordClawback', promotionId, ...dto }, context);
  }

  @Get(':id')
  @RequireScope('finance:read', 'promotions:write')
  @ApiOperation({ summary: "The promotion's terms, whether it is active, each channel's latest publication answer, usage count and net cost." })
  @ApiOkResponse({ description: 'The promotion', type: PromotionView, example: example.PROMOTION_VIEW })
  read(@Param('id', EntityIdParam) promotionId: string) {
    return this.promotions.view(promotionId);
  }
}
