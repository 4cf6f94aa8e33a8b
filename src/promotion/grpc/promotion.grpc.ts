import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { DefinePromotionDto } from '../dto/define-promotion.dto';
import { GrpcActivationDto, GrpcApplicationDto, GrpcClawbackDto, GrpcDeactivationDto, GrpcPublicationDto, GrpcReleaseDto, PromotionRefDto } from '../dto/promotion-steps.dto';
import { PromotionCommands, toDefinePromotion } from '../promotion-commands.service';

/** `ledgerbridge.promotion.v1.Promotions` (proto/ledgerbridge/promotion/v1/promotion.proto): the HTTP routes' twins. */
@Controller()
export class PromotionGrpcController {
  constructor(@Inject(PromotionCommands) private readonly promotions: PromotionCommands) {}

  @GrpcMethod('Promotions', 'DefinePromotion')
  @RequireScope('promotions:write')
  @Idempotent()
  define(@Payload() dto: DefinePromotionDto, @CommandContext() context: CommandContext) {
    return this.promotions.send(toDefinePromotion(dto), context);
  }

  @GrpcMethod('Promotions', 'ActivatePromotion')
  @RequireScope('promotions:write')
  @Idempotent()
  activate(@Payload() dto: GrpcActivationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'ActivatePromotion', promotionId: dto.promotionId, at: dto.at }, context);
  }

  @GrpcMethod('Promotions', 'DeactivatePromotion')
  @RequireScope('promotions:write')
  @Idempotent()
  deactivate(@Payload() dto: GrpcDeactivationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'DeactivatePromotion', ...dto }, context);
  }

  @GrpcMethod('Promotions', 'RecordPublication')
  @RequireScope('promotions:write')
  @Idempotent()
  recordPublication(@Payload() dto: GrpcPublicationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordPublication', ...dto }, context);
  }

  @GrpcMethod('Promotions', 'RecordApplication')
  @RequireScope('promotions:write')
  @Idempotent()
  recordApplication(@Payload() dto: GrpcApplicationDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordApplication', ...dto, amount: { ...dto.amount } }, context);
  }

  @GrpcMethod('Promotions', 'ReleaseApplication')
  @RequireScope('promotions:write')
  @Idempotent()
  release(@Payload() dto: GrpcReleaseDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'ReleaseApplication', ...dto }, context);
  }

  @GrpcMethod('Promotions', 'RecordClawback')
  @RequireScope('promotions:write')
  @Idempotent()
  recordClawback(@Payload() dto: GrpcClawbackDto, @CommandContext() context: CommandContext) {
    return this.promotions.send({ kind: 'RecordClawback', ...dto }, context);
  }

  @GrpcMethod('Promotions', 'GetPromotion')
  @RequireScope('finance:read', 'promotions:write')
  read(@Payload() dto: PromotionRefDto) {
    return this.promotions.view(dto.promotionId);
  }
}
