import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../../edge/command-context';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import type { BusinessErrorView, ChannelReprocessor } from '../business-errors';
import type { BusinessError, ReprocessingOutcome } from '../business-errors.events';
import { readDelivery } from '../channel-deliveries';
import { PosSaleService } from './pos-sale.service';
import type { PosTransactionDto } from './pos-transaction.dto';

/** The queue's reasons a register sale can be refused for again. */
const REASONS: ReadonlyArray<BusinessError['reason']> = ['LOCATION_NOT_MAPPED', 'TOTALS_DO_NOT_ADD_UP'];

/**
 * Runs a queued register sale again as things stand now (its store mapped since, say): the
 * kept payload through the same recording as when it arrived, under the same order id and
 * command ids, so it is placed once.
 */
@Injectable()
export class PosReprocessing implements ChannelReprocessor {
  readonly channel = 'pos';
  readonly topic = 'pos/sale';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PosSaleService) private readonly sales: PosSaleService,
  ) {}

  async reprocess(entry: BusinessErrorView, context: CommandContext): Promise<ReprocessingOutcome> {
    const kept = await readDelivery(this.store, entry.sourceRef);
    if (!kept) return { status: 'rejected', reason: 'MALFORMED_PAYLOAD', message: `the payload ${entry.sourceRef} is not kept`, details: {} };
    try {
      const answer = await this.sales.record(JSON.parse(kept.rawBody) as PosTransactionDto, Buffer.from(kept.rawBody, 'utf8'), context);
      return { status: 'resolved', answer: { ...answer } };
    } catch (error) {
      if (!(error instanceof BusinessRuleRefusal)) throw error;
      const reason = REASONS.find((r) => r === error.code) ?? 'REFUSED_BY_RULES';
      return { status: 'rejected', reason, message: error.message, details: { code: error.code, ...error.details } };
    }
  }
}
