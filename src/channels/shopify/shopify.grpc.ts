import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RequireScope } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { ShopifyDiscounts } from './shopify-discounts';
import { ShopifyResync } from './shopify-resync.service';

/** The most JSON one re-sync carries (an order with its fulfillments and refunds, its transactions). */
const MAX_JSON = 4 * 1024 * 1024;

export class ResyncOrderRequest {
  @Matches(/^[a-z0-9][a-z0-9.-]{0,253}$/, { message: '$property must be a shop domain such as my-shop.myshopify.com' })
  shop!: string;

  @IsString()
  @Matches(/\S/, { message: '$property must be the order as the Admin API returns it' })
  @MaxLength(MAX_JSON)
  orderJson!: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_JSON)
  transactionsJson?: string;
}

/** `ledgerbridge.channels.v1.ShopifyChannel`: the twin of the /channels/shopify routes. */
@Controller()
export class ShopifyGrpcController {
  constructor(
    @Inject(ShopifyResync) private readonly resyncs: ShopifyResync,
    @Inject(ShopifyDiscounts) private readonly discounts: ShopifyDiscounts,
  ) {}

  @GrpcMethod('ShopifyChannel', 'ResyncOrder')
  @RequireScope('ops:admin')
  async resync(@Payload() request: ResyncOrderRequest, @CommandContext() context: CommandContext) {
    const report = await this.resyncs.resyncParts(request.shop, request.orderJson, request.transactionsJson || undefined, context.correlationId);
    return {
      ...report,
      businessError: report.businessError ?? '',
      refused: report.refused.map(({ part, reason, message, details }) => ({ part, reason, message, detailsJson: JSON.stringify(details) })),
      ...(report.state.order ? { state: report.state.order } : { state: undefined }),
    };
  }

  @GrpcMethod('ShopifyChannel', 'ListUnmatchedDiscounts')
  @RequireScope('finance:read', 'ops:admin')
  async unmatched() {
    return { items: await this.discounts.unmatchedDiscounts() };
  }
}
