import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import { type RecordedEventAnswer, recordedEvents } from '../../edge/command-answer';
import type { CommandContext } from '../../edge/command-context';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { orderAggregate } from '../../order/order.aggregate';
import type { OrderPlacedData } from '../../order/order.events';
import type { OrderState } from '../../order/order.state';
import type { CommandOutcome } from '../../runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import { ReferenceDataCommands } from '../../reference-data/reference-data-commands.service';
import { utcDayOf } from '../../time/instant';
import { BusinessErrorCommands } from '../business-errors';
import { composedId } from '../composed-id';
import { type ChannelDelivery, deliveryDerivedId, deliveryStreamId, readDelivery, recordDelivery } from '../channel-deliveries';
import { legacyPosOrderId, posOrderId, posSaleCommands, posSaleDifferences } from './pos-sale-commands';
import { isSameTransaction, saleContentDigest, saleDifferences } from './pos-sale-content';
import type { PosTransactionDto } from './pos-transaction.dto';

export interface PosSaleAnswer {
  orderId: string;
  revision: number;
  events: RecordedEventAnswer[];
}

type SaleSteps = ReturnType<typeof posSaleCommands>;

/**
 * Records a completed register sale. Command ids come from the order id (store, register and
 * transaction), so a register that sends the same sale again (after a timeout, say) gets the
 * first answer, with or without an Idempotency-Key; other content under that transaction is
 * refused (POS_TRANSACTION_CONFLICT), naming what differs.
 *
 * Nothing is written for a sale the order rules refuse: the steps are decided against the order
 * first, and only then is the payload kept. Each payload is kept in a stream named by its
 * content, so a corrected resend's lineage points at the payload that was recorded.
 */
@Injectable()
export class PosSaleService {
  private readonly orders: CommandsOf<typeof orderAggregate>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
    @Inject(ReferenceDataCommands) private readonly referenceData: ReferenceDataCommands,
    @Inject(BusinessErrorCommands) private readonly businessErrors: BusinessErrorCommands,
  ) {
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
  }

  async record(sale: PosTransactionDto, rawBody: Buffer | undefined, context: CommandContext): Promise<PosSaleAnswer> {
    const differences = posSaleDifferences(sale);
    if (differences.length > 0) {
      throw new BusinessRuleRefusal('TOTALS_DO_NOT_ADD_UP', 'the sale’s total or tenders do not match its lines', { differences });
    }
    const orderId = await this.orderIdOf(sale);
    const { state } = await this.orders.current(orderId);
    let sourceRef: string;
    // The sale as placed: under its store's company code once reference data governs locations.
    let placed = sale;
    if (state.status === 'unplaced') {
      const deliveryId = composedId([saleContentDigest(sale), orderId]);
      sourceRef = deliveryStreamId(sale.channel, deliveryId);
      const delivery: ChannelDelivery = {
        channel: sale.channel,
        deliveryId,
        topic: 'pos/sale',
        source: composedId([sale.storeId, sale.registerId]),
        receivedAt: new Date().toISOString(),
        rawBody: rawBody?.toString('utf8') ?? JSON.stringify(sale),
      };
      placed = await this.atMappedLocation(sale, delivery, sourceRef, context);
      rehearse(state, posSaleCommands(placed, orderId, sourceRef));
      await recordDelivery(this.store, delivery);
    } else {
      await this.requireSameSale(state.order, sale);
      sourceRef = state.order.sourceRef;
    }

    const outcomes: CommandOutcome[] = [];
    for (const { step, command } of posSaleCommands(placed, orderId, sourceRef)) {
      const commandId = deliveryDerivedId(sale.channel, orderId, step);
      const outcome = await this.orders.send(orderId, command, { commandId, metadata: context.metadata }, { channel: sale.channel, sourceRef });
      // Another sale under this transaction id placed the order between our read and our PlaceOrder.
      if (step === 'place-order' && outcome.duplicate && state.status === 'unplaced') await this.requireSameSale(outcome.events[0].data as OrderPlacedData, sale);
      outcomes.push(outcome);
    }
    return {
      orderId,
      revision: outcomes[outcomes.length - 1].revision,
      events: outcomes.flatMap(recordedEvents),
    };
  }

  /**
   * The sale with its store's company code as reference data maps the store on the sale's day.
   * While no location is mapped the register's own company code stands. A store that is not
   * mapped keeps the payload and puts it on the business-error queue (LOCATION_NOT_MAPPED): once
   * the mapping is imported, reprocessing the entry places the sale (PosReprocessing).
   */
  private async atMappedLocation(sale: PosTransactionDto, delivery: ChannelDelivery, sourceRef: string, context: CommandContext): Promise<PosTransactionDto> {
    const day = utcDayOf(sale.completedAt);
    const { governed, mapping } = await this.referenceData.locationAsOf(sale.storeId, day);
    if (!governed) return sale;
    if (mapping?.companyCode !== undefined) return { ...sale, companyCode: mapping.companyCode };
    await recordDelivery(this.store, delivery);
    const message = `store ${sale.storeId} has no location mapping on ${day} in the reference data: the sale waits on the business-error queue`;
    const businessErrorId = await this.businessErrors.record(
      {
        channel: sale.channel,
        deliveryId: delivery.deliveryId,
        topic: delivery.topic,
        sourceRef,
        reason: 'LOCATION_NOT_MAPPED',
        message,
        details: { storeId: sale.storeId, day },
        recordedAt: delivery.receivedAt,
      },
      context.metadata,
    );
    throw new BusinessRuleRefusal('LOCATION_NOT_MAPPED', message, { storeId: sale.storeId, day, businessErrorId });
  }

  /**
   * The composed id, unless the sale was recorded before under the plain `-` join (which only
   * differs when a store or register id holds `-` or `:`): then it stays where it is. The plain
   * id may hold another sale that met it there; that one keeps it and this one takes the new id.
   */
  private async orderIdOf(sale: PosTransactionDto): Promise<string> {
    const orderId = posOrderId(sale);
    const legacy = legacyPosOrderId(sale);
    if (legacy === orderId) return orderId;
    const { state } = await this.orders.current(legacy);
    if (state.status === 'unplaced') return orderId;
    const recorded = await this.recordedSale(state.order);
    return recorded && isSameTransaction(recorded, sale) ? legacy : orderId;
  }

  /** The sale the order was placed from, as its register sent it; undefined when it was placed otherwise. */
  private async recordedSale(order: OrderPlacedData): Promise<PosTransactionDto | undefined> {
    const delivery = await readDelivery(this.store, order.sourceRef);
    return delivery?.topic === 'pos/sale' ? (JSON.parse(delivery.rawBody) as PosTransactionDto) : undefined;
  }

  private async requireSameSale(order: OrderPlacedData, sale: PosTransactionDto): Promise<void> {
    const recorded = await this.recordedSale(order);
    if (!recorded) {
      throw new BusinessRuleRefusal('ORDER_ALREADY_PLACED', `order ${order.orderId} is already placed, not from a register sale`, { orderId: order.orderId });
    }
    const { differences, count } = saleDifferences(recorded, sale);
    if (count > 0) {
      throw new BusinessRuleRefusal(
        'POS_TRANSACTION_CONFLICT',
        `transaction ${sale.transactionId} of register ${sale.registerId} at store ${sale.storeId} was recorded with other content; the first record stands`,
        { orderId: order.orderId, differences, differenceCount: count },
      );
    }
  }
}

/** Decides the steps on a copy of the order without recording anything: a refusal surfaces before the payload is kept. */
function rehearse(state: OrderState, steps: SaleSteps): void {
  const { decide, evolve } = orderAggregate.decider;
  steps.reduce((current, { command }) => decide(command, current).reduce(evolve, current), state);
}
