import { Inject, Injectable } from '@nestjs/common';
import { CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import type { CommandContext } from '../../src/edge/command-context';
import type { ConfirmationAnswer } from '../../src/erp/delivery/delivery-runner';
import { deliveryLaneId } from '../../src/erp/delivery/erp-delivery.events';
import type { DeadLetterRejection, OpenDelivery } from '../../src/erp/delivery/erp-delivery.state';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import type { ChartOfAccounts } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { type ConfiguredLane, ErpDeliveryHost } from './erp-delivery-host';
import { type DeliveredDocument, type DeliveryHistoryItem, ErpDeliveryQueries } from './erp-deliveries.queries';
import { documentsToReadBack, reconcile, type Reconciliation } from './erp-reconciliation';

/** A company's deliveries to one target, as operators watch them. */
export interface LaneView {
  companyCode: string;
  target: string;
  erp: string;
  /** Closed batches not yet acknowledged or skipped by the target. */
  backlog: number;
  /** The oldest of them, and how long ago it closed. */
  oldestUndelivered: { batchId: string; closedAt: string; ageSeconds: number } | null;
  lastAcknowledged: { batchId: string; at: string } | null;
  /** Batches sent and not settled: in flight, awaiting SAP's confirmation, to be retried, dead-lettered, to be replayed. */
  open: Array<{ batchId: string; status: OpenDelivery['status']; attempt: number; generation: number; firstSentAt: string; lastSentAt: string; dueAt: string | null }>;
  deadLetters: number;
  /** The target's breaker (closed, open, half-open), or unknown while the delivery thread restarts. */
  breaker: string;
  inFlight: number | null;
  maxInFlight: number | null;
  /** What keeps the lane from working now (the delivery log unreachable, a batch not yet readable), if anything. */
  problem: string | null;
}

export interface DeadLetterView {
  companyCode: string;
  target: string;
  erp: string;
  batchId: string;
  attempt: number;
  generation: number;
  since: string;
  /**
   * The ERP's refusal that made the batch a dead letter: reason, its message, the entries it named
   * (up to 50, with refusedCount), the HTTP status. Every dead letter has one (null only for one
   * recorded before the lane kept it, until the delivery history has it).
   */
  rejection: Record<string, unknown> | null;
}

/** A dead letter's refusal, in the shape its BatchRejectedByErp has in the delivery history (never retryable, so nothing is due). */
function rejectionOf(open: OpenDelivery, rejection: DeadLetterRejection): Record<string, unknown> {
  const { at, ...refusal } = rejection;
  return { ...refusal, generation: open.generation, retryable: false, retryAfterMs: null, retryAt: null, at };
}

export interface BatchDeliveriesView {
  batchId: string;
  /** Per target the batch goes to: where it stands, and the ERP's documents. */
  deliveries: Array<{ target: string; erp: string; status: 'not-sent' | OpenDelivery['status'] | 'acknowledged' | 'skipped'; documents: DeliveredDocument[] }>;
  history: DeliveryHistoryItem[];
}

/** A dead letter's operator decision. */
export interface OperatorDecisionView {
  batchId: string;
  target: string;
  companyCode: string;
  decision: 'replay-requested' | 'skipped';
  generation?: number;
  who: string;
  why: string;
}

/** What the HTTP and gRPC edges of ERP delivery do, once for both. */
@Injectable()
export class ErpDeliveryCommands {
  constructor(
    @Inject(ErpDeliveryHost) private readonly host: ErpDeliveryHost,
    @Inject(ErpDeliveryQueries) private readonly queries: ErpDeliveryQueries,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccounts,
  ) {}

  private mustBeConfigured(): void {
    if (!this.host.configured) throw new EntityNotFoundError('ERP delivery setting', 'ERP_TARGETS');
  }

  private lanesOf(filter: { companyCode?: string; target?: string }): ConfiguredLane[] {
    return this.host.lanes.filter(
      (lane) => (filter.companyCode === undefined || lane.companyCode === filter.companyCode) && (filter.target === undefined || lane.target === filter.target),
    );
  }

  private laneOf(target: string, companyCode: string): ConfiguredLane {
    const lane = this.host.lanes.find((l) => l.target === target && l.companyCode === companyCode);
    if (!lane) throw new EntityNotFoundError('ERP delivery lane', `${target}/${companyCode}`);
    return lane;
  }

  async deliveries(filter: { companyCode?: string; target?: string }, now = Date.now()): Promise<{ deliveries: LaneView[]; checkpoint: string | null }> {
    this.mustBeConfigured();
    const live = await this.host.live();
    const lanes = await Promise.all(
      this.lanesOf(filter).map(async (lane): Promise<LaneView> => {
        const state = await this.host.state(lane.target, lane.companyCode);
        const notTaken = this.queries.batchesFrom(lane.companyCode, state.next);
        const oldestOpen = state.open[0];
        const oldest = oldestOpen ? { batchId: oldestOpen.batchId, closedAt: this.queries.batch(oldestOpen.batchId)?.closedAt ?? oldestOpen.firstSentAt } : notTaken.first;
        const protection = 'lanes' in live ? live.lanes.find((l) => l.target === lane.target && l.companyCode === lane.companyCode) : undefined;
        return {
          ...lane,
          backlog: state.open.length + notTaken.count,
          oldestUndelivered: oldest ? { ...oldest, ageSeconds: Math.max(0, Math.round((now - Date.parse(oldest.closedAt)) / 1000)) } : null,
          lastAcknowledged: state.lastAcknowledged && { batchId: state.lastAcknowledged.batchId, at: state.lastAcknowledged.at },
          open: state.open.map(({ batchId, status, attempt, generation, firstSentAt, lastSentAt, dueAt }) => ({
            batchId,
            status,
            attempt,
            generation,
            firstSentAt,
            lastSentAt,
            dueAt,
          })),
          deadLetters: state.open.filter((o) => o.status === 'dead-lettered').length,
          breaker: protection?.protection.breaker ?? 'unknown',
          inFlight: protection?.protection.inFlight ?? null,
          maxInFlight: protection?.protection.maxInFlight ?? null,
          problem: protection ? protection.problem : 'unavailable' in live ? live.unavailable : null,
        };
      }),
    );
    return { deliveries: lanes, checkpoint: this.queries.checkpoint() };
  }

  async deadLetters(filter: { companyCode?: string; target?: string }): Promise<{ deadLetters: DeadLetterView[] }> {
    this.mustBeConfigured();
    const found = await Promise.all(
      this.lanesOf(filter).map(async (lane) => {
        const state = await this.host.state(lane.target, lane.companyCode);
        return state.open
          .filter((open) => open.status === 'dead-lettered')
          .map((open) => ({
            ...lane,
            batchId: open.batchId,
            attempt: open.attempt,
            generation: open.generation,
            since: open.lastSentAt,
            // A dead letter recorded before the lane kept its refusal: the delivery history has it.
            rejection: open.rejection ? rejectionOf(open, open.rejection) : this.queries.lastRejection(lane.target, open.batchId),
          }));
      }),
    );
    return { deadLetters: found.flat() };
  }

  /** Where a batch stands at each target, its ERP documents and its delivery history. */
  async batchDeliveries(batchId: string): Promise<BatchDeliveriesView> {
    this.mustBeConfigured();
    const batch = this.queries.batch(batchId);
    if (!batch) throw new EntityNotFoundError('posting batch', batchId);
    const documents = this.queries.documents(batchId);
    const history = this.queries.history(batchId);
    const deliveries = await Promise.all(
      this.lanesOf({ companyCode: batch.companyCode }).map(async (lane): Promise<BatchDeliveriesView['deliveries'][number]> => {
        const state = await this.host.state(lane.target, lane.companyCode);
        const open = state.open.find((o) => o.batchId === batchId);
        const settledBy = [...history].reverse().find((item) => item.target === lane.target && (item.type === 'BatchAcknowledgedByErp' || item.type === 'BatchSkipped'));
        const status = open ? open.status : batch.chainIndex >= state.next ? 'not-sent' : settledBy?.type === 'BatchSkipped' ? 'skipped' : 'acknowledged';
        return { target: lane.target, erp: lane.erp, status, documents: documents.filter((d) => d.target === lane.target) };
      }),
    );
    return { batchId, deliveries, history };
  }

  replay(target: string, batchId: string, why: string, context: CommandContext): Promise<OperatorDecisionView> {
    return this.decide('RequestReplay', target, batchId, why, context);
  }

  skip(target: string, batchId: string, why: string, context: CommandContext): Promise<OperatorDecisionView> {
    return this.decide('SkipBatch', target, batchId, why, context);
  }

  private async decide(kind: 'RequestReplay' | 'SkipBatch', target: string, batchId: string, why: string, context: CommandContext): Promise<OperatorDecisionView> {
    this.mustBeConfigured();
    const batch = this.queries.batch(batchId);
    if (!batch) throw new EntityNotFoundError('posting batch', batchId);
    const lane = this.laneOf(target, batch.companyCode);
    const outcome = await this.host.commands.send(
      deliveryLaneId(target, lane.companyCode),
      { kind, companyCode: lane.companyCode, target, batchId, at: new Date().toISOString(), who: context.principal, why },
      context,
    );
    this.host.wake(lane.companyCode, target);
    const event = outcome.events.at(-1)?.data as { generation?: number; who: string; why: string } | undefined;
    return {
      batchId,
      target,
      companyCode: lane.companyCode,
      decision: kind === 'RequestReplay' ? 'replay-requested' : 'skipped',
      ...(event?.generation !== undefined ? { generation: event.generation } : {}),
      who: event?.who ?? context.principal,
      why: event?.why ?? why,
    };
  }

  /** SAP's confirmation, handed to the delivery thread; answers once the outcome is stored. */
  confirmation(authorization: string | undefined, body: string): Promise<ConfirmationAnswer> {
    const thread = this.host.runningThread();
    if (!thread) return Promise.resolve({ status: 'unauthorized' });
    return thread.confirmation(authorization, body);
  }

  /** Per account and day: Ledgerbridge's batches against what the ERP acknowledged and its books hold. */
  async reconciliation(query: { companyCode: string; target: string; from: string; to: string }): Promise<Reconciliation> {
    this.mustBeConfigured();
    const lane = this.laneOf(query.target, query.companyCode);
    if (query.from > query.to) throw new BusinessRuleRefusal('RANGE_INVERTED', `from ${query.from} is after to ${query.to}`, { from: query.from, to: query.to });
    const { lines, documents, checkpoint } = this.queries.batchedLines(lane.companyCode, lane.target, query.from, query.to);
    const thread = this.host.runningThread();
    if (!thread) throw new ReadModelNotReadyError('the delivery thread is not running');
    const readBack = await thread.readBack(lane.target, lane.companyCode, query.from, query.to, documentsToReadBack(lane.erp, lines, documents));
    return reconcile({ ...query, erp: lane.erp, checkpoint, chart: this.chart, lines, documents, readBack });
  }
}
