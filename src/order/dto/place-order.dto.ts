import { CHANNEL_NAME } from '../../access/scopes';
import { BoundAcross } from '../../edge/field-rules';
import type { TenderKind } from '../order.commands';
import { discountShares, MAX_DISCOUNT_SHARES, MAX_DISCOUNTS, MAX_LINES, MAX_SHIPPING_LINES, MAX_TAX_LINES, MAX_TENDERS } from '../order-limits';
import {
  AmountField,
  ChoiceField,
  CurrencyField,
  FlagField,
  IdField,
  ListField,
  ObjectField,
  PatternField,
  QuantityField,
  ReferenceField,
  TextField,
  TimestampField,
} from './order-fields';

/**
 * The generic canonical order format: what any channel sends to place an order, over HTTP as
 * JSON and over gRPC as `PlaceOrderRequest` (same field names). Channel mediation (Shopify, POS)
 * produces the same command. README "Canonical order format" has a full example.
 */

function discountSharesBeyondBound(order: Record<string, unknown>): string | undefined {
  const { lines, discounts } = order;
  // Lists over their own bounds are reported as such.
  if (!Array.isArray(lines) || !Array.isArray(discounts) || lines.length > MAX_LINES || discounts.length > MAX_DISCOUNTS) return undefined;
  const shares = discountShares(lines.length, discounts as Array<{ allocations?: unknown[] } | null>);
  if (shares <= MAX_DISCOUNT_SHARES) return undefined;
  return `discounts land on ${shares} line shares (its allocations, or every line when a discount has none); at most ${MAX_DISCOUNT_SHARES} (docs/channels.md "Limits")`;
}

/** Its range is the decider's rule (INVALID_TAX_RATE). */
const RATE = /^\d{1,3}(\.\d{1,6})?%?$/;

export class FulfillmentDto {
  @ChoiceField('type', ['ship', 'pickup'], { description: 'Shipped to the customer, or picked up in a store.', example: 'ship' })
  type!: 'ship' | 'pickup';

  @IdField('locationId', { description: 'The pickup store; only with type pickup.', onlyWhen: ['type', 'pickup'] })
  locationId?: string;
}

export class OrderLineDto {
  @IdField('lineId', { description: "The channel's line id, unique in the order.", example: 'L1' })
  lineId!: string;

  @IdField('sku', { description: 'Stock keeping unit.', example: 'TEE-RED-M' })
  sku!: string;

  @QuantityField()
  quantity!: number;

  @AmountField('unitPriceMinor', { description: 'Price of one unit in minor units (cents), before discounts.', example: 3000 })
  unitPriceMinor!: number;

  @FlagField('taxIncluded', { description: 'VAT-style price: the tax is inside unitPriceMinor. Default false.', optional: true })
  taxIncluded?: boolean;
}

export class FundingDto {
  @ChoiceField('type', ['retailer', 'vendor'], { description: 'Who pays for the discount.', example: 'retailer' })
  type!: 'retailer' | 'vendor';

  @IdField('vendorId', { description: 'The vendor claimed against; only with type vendor.', onlyWhen: ['type', 'vendor'] })
  vendorId?: string;
}

export class LineAmountDto {
  @IdField('lineId', { description: 'A line of this order.', example: 'L2' })
  lineId!: string;

  @AmountField('amountMinor', { description: 'Minor units.', example: 500 })
  amountMinor!: number;
}

export class DiscountDto {
  @IdField('promotionId', { description: 'The promotion applied.', example: 'promo-save10' })
  promotionId!: string;

  @TextField('code', 64, { description: 'The code the customer entered.', optional: true, example: 'SAVE10' })
  code?: string;

  @ObjectField('funding', () => FundingDto, { description: 'Retailer-funded, or funded by a vendor.' })
  funding!: FundingDto;

  @AmountField('amountMinor', { description: 'The whole discount in minor units.', example: 1000 })
  amountMinor!: number;

  @ListField(
    'allocations',
    () => LineAmountDto,
    { min: 0, max: MAX_LINES },
    {
      description: 'Per-line split as the channel gave it; omitted or empty: allocated by pre-discount line amounts (largest remainder).',
      optional: true,
    },
  )
  allocations?: LineAmountDto[];
}

export class TaxLineDto {
  @IdField('lineId', { description: 'The taxed line.', example: 'L1' })
  lineId!: string;

  @PatternField('rate', RATE, { description: '"8%" or "0.08".', example: '8%', rule: 'a rate such as 8% or 0.08' })
  rate!: string;

  @AmountField('amountMinor', { description: 'Tax as the channel computed it, posted as given; omitted: the rate applied to the discounted line.', optional: true, example: 434 })
  amountMinor?: number;

  @FlagField('channelRemitted', { description: 'Marketplace facilitator tax: the channel remits it, not the retailer.', optional: true })
  channelRemitted?: boolean;
}

export class ShippingLineDto {
  @TextField('code', 64, { description: 'Shipping method.', example: 'STANDARD' })
  code!: string;

  @AmountField('amountMinor', { description: 'Shipping charge in minor units.', example: 799 })
  amountMinor!: number;

  @AmountField('taxMinor', { description: 'Tax on shipping in minor units. Default 0.', optional: true })
  taxMinor?: number;
}

const TENDER_KINDS: readonly TenderKind[] = ['card', 'gift_card', 'cash', 'other'];

export class TenderDto {
  @ChoiceField('kind', TENDER_KINDS, { description: 'How the customer pays.', example: 'card' })
  kind!: TenderKind;

  @AmountField('amountMinor', { description: 'Minor units.', example: 10519 })
  amountMinor!: number;

  @ReferenceField('reference', 128, { description: "The payment provider's or gift card's reference (never a card number).", optional: true, example: 'pi_123' })
  reference?: string;
}

export class PlaceOrderDto {
  @IdField('orderId', { description: 'The order id, unique per retailer; the stream is order-<orderId>.', example: 'o-1001' })
  orderId!: string;

  @PatternField('channel', CHANNEL_NAME, {
    description: 'The sales channel; the API key needs channel:<channel>:write.',
    example: 'web',
    rule: 'a channel name (letters, digits, . _ -)',
  })
  channel!: string;

  @TimestampField('placedAt', { description: 'When the customer placed the order.' })
  placedAt!: string;

  @PatternField('companyCode', /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/, {
    description: 'The legal entity that books the sale.',
    example: 'US01',
    rule: 'a company code of 1-16 letters and digits',
  })
  companyCode!: string;

  @CurrencyField()
  currency!: string;

  @ObjectField('fulfillment', () => FulfillmentDto, { description: '{"type":"ship"} or {"type":"pickup","locationId":...}.' })
  fulfillment!: FulfillmentDto;

  @ListField('lines', () => OrderLineDto, { min: 1, max: MAX_LINES }, { description: 'What was ordered.' })
  lines!: OrderLineDto[];

  @ListField('discounts', () => DiscountDto, { min: 0, max: MAX_DISCOUNTS }, { description: 'Discount applications.', optional: true })
  @BoundAcross('discountShares', discountSharesBeyondBound)
  discounts?: DiscountDto[];

  @ListField('taxLines', () => TaxLineDto, { min: 0, max: MAX_TAX_LINES }, { description: 'Per-line taxes.', optional: true })
  taxLines?: TaxLineDto[];

  @ListField('shippingLines', () => ShippingLineDto, { min: 0, max: MAX_SHIPPING_LINES }, { description: 'Shipping charges.', optional: true })
  shippingLines?: ShippingLineDto[];

  @ListField('tenders', () => TenderDto, { min: 0, max: MAX_TENDERS }, { description: 'How it is paid; when given they must sum to the order total.', optional: true })
  tenders?: TenderDto[];

  @ReferenceField('sourceRef', 512, { description: "Where the channel's raw payload is kept, for lineage.", example: 'payload://web/o-1001' })
  sourceRef!: string;
}
