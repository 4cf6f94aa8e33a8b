import { MAX_LINES } from '../order-limits';
import { AmountField, CurrencyField, IdField, ListField, QuantityField, TextField, TimestampField } from './order-fields';

/** Bodies of the commands on a placed order; the order (and any sub-entity) is named by the path. */

export class LineQuantityDto {
  @IdField('lineId', { description: 'A line of the order.', example: 'L1' })
  lineId!: string;

  @QuantityField()
  quantity!: number;
}

const linesField = (description: string, optional = false) => ListField('lines', () => LineQuantityDto, { min: optional ? 0 : 1, max: MAX_LINES }, { description, optional });

export class AuthorizePaymentDto {
  @IdField('authorizationId', { description: "The payment provider's authorization id.", example: 'auth-1' })
  authorizationId!: string;

  @AmountField('amountMinor', { description: 'Authorized amount in minor units.', example: 10519 })
  amountMinor!: number;

  @CurrencyField()
  currency!: string;

  @TimestampField('at', { description: 'When it was authorized.' })
  at!: string;
}

export class CapturePaymentDto {
  @IdField('captureId', { description: "The payment provider's capture id.", example: 'cap-1' })
  captureId!: string;

  @AmountField('amountMinor', { description: 'Captured amount in minor units.', example: 10519 })
  amountMinor!: number;

  @CurrencyField()
  currency!: string;

  @TimestampField('at', { description: 'When it was captured.' })
  at!: string;
}

export class VoidAuthorizationDto {
  @TimestampField('at', { description: 'When the authorization was voided.' })
  at!: string;
}

export class InventoryMovementDto {
  @IdField('locationId', { description: 'The warehouse or store.', example: 'dc-east' })
  locationId!: string;

  @linesField('Units per line.')
  lines!: LineQuantityDto[];

  @TimestampField('at', { description: 'When stock was reserved or released.' })
  at!: string;
}

export class ConfirmShipmentDto {
  @IdField('shipmentId', { description: 'The shipment id.', example: 's-1' })
  shipmentId!: string;

  @linesField('Units shipped per line; a split shipment names some of them.')
  lines!: LineQuantityDto[];

  @TimestampField('shippedAt', { description: 'When control passed to the carrier.' })
  shippedAt!: string;
}

export class ConfirmPickupDto {
  @IdField('pickupId', { description: 'The pickup id.', example: 'pick-1' })
  pickupId!: string;

  @TimestampField('at', { description: 'When the customer collected the order.' })
  at!: string;
}

export class CancelOrderDto {
  @TextField('reason', 500, { description: 'Why the order is cancelled.', example: 'customer changed their mind' })
  reason!: string;

  @TimestampField('at', { description: 'When it was cancelled.' })
  at!: string;
}

export class RequestReturnDto {
  @IdField('returnId', { description: 'The return (RMA) id.', example: 'r-1' })
  returnId!: string;

  @linesField('Units the customer is returning, per line.')
  lines!: LineQuantityDto[];

  @TimestampField('at', { description: 'When the return was requested.' })
  at!: string;
}

export class ReceiveReturnDto {
  @linesField('Units that actually came back; omitted or empty: every requested unit.', true)
  lines?: LineQuantityDto[];

  @TimestampField('at', { description: 'When the goods arrived.' })
  at!: string;
}

export class IssueRefundDto {
  @IdField('refundId', { description: "The payment provider's refund id.", example: 'ref-1' })
  refundId!: string;

  @AmountField('amountMinor', { description: 'Refunded amount in minor units.', example: 2931 })
  amountMinor!: number;

  @CurrencyField()
  currency!: string;

  @TimestampField('at', { description: 'When the refund was issued.' })
  at!: string;

  @IdField('returnId', { description: 'The return this refund is for, if any.', optional: true, example: 'r-1' })
  returnId?: string;
}

/** Path parameters, checked like any other input. */
export class OrderPathDto {
  @IdField('orderId', { description: 'The order.' })
  orderId!: string;
}

export class AuthorizationPathDto extends OrderPathDto {
  @IdField('authorizationId', { description: 'The authorization.' })
  authorizationId!: string;
}

export class ReturnPathDto extends OrderPathDto {
  @IdField('returnId', { description: 'The return.' })
  returnId!: string;
}
