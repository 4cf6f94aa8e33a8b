import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import { type RecordedEventAnswer, recordedEvents } from '../../edge/command-answer';
import type { CommandContext } from '../../edge/command-context';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { orderAggregate } from '../../order/order.aggregate';
import type { CommandOutcome } from '../../runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import { deliveryDerivedId, recordDelivery } from '../channel-deliveries';
import { posOrderId, posSaleCommands, posSaleDifferences } from './pos-sale-commands';
import type { PosTransactionDto } from './pos-transaction.dto';

export interface PosSaleAnswer {
  orderId: string;
  revision: number;
  events: RecordedEventAnswer[];
}

/**
 * Records a completed register sale. Command ids come from the store, register and transaction
 * ids, so a register that sends the same sale again (after a timeout, say) gets the first
 * answer, with or without an Idempotency-Key.
 */
@Injectable()
export class PosSaleService {
  private readonly orders: CommandsOf<typeof orderAggregate>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
  ) {
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
  }

  async record(sale: PosTransactionDto, rawBody: Buffer | undefined, context: CommandContext): Promise<PosSaleAnswer> {
    const differences = posSaleDifferences(sale);
    if (differences.length > 0) {
      throw new BusinessRuleRefusal('TOTALS_DO_NOT_ADD_UP', 'the sale’s total or tenders do not match its lines', { differences });
    }
    const orderId = posOrderId(sale);
    const sourceRef = await recordDelivery(this.store, {
      channel: sale.channel,
      deliveryId: orderId,
      topic: 'pos/sale',
      source: `${sale.storeId}/${sale.registerId}`,
      receivedAt: new Date().toISOString(),
      rawBody: rawBody?.toString('utf8') ?? JSON.stringify(sale),
    });
    const outcomes: CommandOutcome[] = [];
    for (const { step, command } of posSaleCommands(sale, sourceRef)) {
      const commandId = deliveryDerivedId(sale.channel, orderId, step);
      outcomes.push(await this.orders.send(orderId, command, { commandId, metadata: context.metadata }, { channel: sale.channel, sourceRef }));
    }
    return {
      orderId,
      revision: outcomes[outcomes.length - 1].revision,
      events: outcomes.flatMap(recordedEvents),
    };
  }
}
