import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PromotionDefinition } from '../promotion.events';
import type { PromotionState } from '../promotion.state';
import { DefinePromotionDto, MoneyDto } from './define-promotion.dto';

export class PublicationView {
  @ApiProperty({ example: 'shopify-eu' }) channel!: string;
  @ApiProperty({ enum: ['published', 'failed'] }) status!: 'published' | 'failed';
  @ApiPropertyOptional({ description: 'Why publishing failed' }) reason?: string;
  @ApiProperty() at!: string;
}

/**
 * A promotion as finance and marketing see it: its terms (in the shape they were defined in),
 * whether it runs, each channel's latest publication answer, and what it costs now. Per-order
 * applications stay out: a busy promotion holds one per order.
 */
export class PromotionView {
  @ApiProperty() promotionId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: DefinePromotionDto }) definition!: DefinePromotionDto;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: [PublicationView], description: 'One entry per channel, by channel name' }) publications!: PublicationView[];
  @ApiProperty({ description: 'Orders holding the promotion now (what the usage limit caps)' }) usageCount!: number;
  @ApiProperty({ type: [MoneyDto], description: 'Applied, less clawed back and released, per currency' }) netCost!: MoneyDto[];
}

export function promotionView(state: PromotionState & { definition: PromotionDefinition }, revision: number): PromotionView {
  return {
    promotionId: state.definition.promotionId,
    revision,
    definition: definitionView(state.definition),
    active: state.active,
    publications: [...state.publications]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([channel, p]) => ({ channel, status: p.status, ...(p.reason !== undefined && { reason: p.reason }), at: p.at })),
    usageCount: state.usageCount,
    netCost: [...state.netCostMinor].map(([currency, amountMinor]) => ({ amountMinor, currency })),
  };
}

function definitionView(definition: PromotionDefinition): DefinePromotionDto {
  const { eligibleSkus, benefit, funding, budget, usageLimit } = definition;
  return {
    promotionId: definition.promotionId,
    code: definition.code,
    name: definition.name,
    window: { ...definition.window },
    allSkus: eligibleSkus === 'all',
    eligibleSkus: eligibleSkus === 'all' ? [] : [...eligibleSkus],
    benefit: benefit.type === 'fixed' ? { type: 'fixed', amount: { ...benefit.amount } } : { type: 'percentage', rate: benefit.rate },
    allocation: definition.allocation,
    funding: funding.source === 'vendor' ? { ...funding } : { source: 'retailer' },
    reducesTaxBase: definition.reducesTaxBase,
    accounting: Object.fromEntries(Object.entries(definition.accounting).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    ...(budget && { budget: { ...budget } }),
    ...(usageLimit !== undefined && { usageLimit }),
    definedAt: definition.definedAt,
  };
}
