import { randomUUID } from 'node:crypto';
import type { BatchExportInput } from '../batch-export';
import type { ErpConnector, ErpReplay } from '../connector/erp-connector';
import type { ErpSendOutcome } from '../connector/erp-send-outcome';
import type { BreakerState, ErpTargetState } from '../connector/erp-target-resilience';
import type { SapConnector } from '../sap/sap-connector';
import { sapMessageId } from '../sap/sap-message-id';
import { SoapReadError } from '../sap/sap-soap';
import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { type BatchRef, planLane, type PlannedSend, retryDelayMs } from './delivery-plan';
import { deliveryCommandId, type ErpDeliveryCommand, type RecordAcknowledged, type RecordRejected } from './erp-delivery.commands';
import { DELIVERY_OUT_OF_ORDER, DELIVERY_STALE, DELIVERY_WINDOW_FULL } from './erp-delivery.decide';
import type { DeliveryLaneState, OpenDelivery } from './erp-delivery.state';

/** A company code's deliveries to one ERP target. */
export interface DeliveryLane {
  companyCode: string;
  connector: ErpConnector;
}

/** The delivery log as the runner reaches it: the command path (in the service, the main thread's actors). */
export interface DeliveryLog {
  current(target: string, companyCode: string): Promise<DeliveryLaneState>;
  /** Records through the lane's decider; answers the lane's state after it. Refusals are thrown as BusinessRuleRefusal. */
  record(command: ErpDeliveryCommand, commandId: string): Promise<DeliveryLaneState>;
}

/** A batch ready to send, or why it cannot be sent as recorded. */
export type DeliverableBatch =
  | { ok: true; input: BatchExportInput }
  /** not-ready: the read models do not hold the batch or all its entries yet; integrity-failed: they no longer match its hashes. */
  | { ok: false; reason: 'integrity-failed' | 'not-ready'; message: string };

/** Closed batches as the runner reads them (the posting-batches read model). */
export interface DeliverableBatches {
  /** The company's batches from chain index `from` on, at most `limit`, in chain order. */
  from(companyCode: string, from: number, limit: number): BatchRef[];
  /** The batch with its entries, checked against the hashes it recorded. */
  load(batchId: string): DeliverableBatch;
}

/** Time for the runner; a test passes a virtual one. */
export interface DeliveryClock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: DeliveryClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface DeliverySettings {
  /** Batches of a lane open at once (ERP_DELIVERY_WINDOW). */
  window: number;
  /** How long SAP's confirmation is awaited before the batch goes again (ERP_CONFIRMATION_WAIT). */
  confirmationWaitMs: number;
  retryInitialMs: number;
  /** ERP_RETRY_MAX_DELAY. */
  retryMaxMs: number;
  /** How often an idle lane looks for newly closed batches. */
  pollMs: number;
}

/** What an operator sees of a lane beside its recorded state: the target's protection, live. */
export interface LaneLiveState {
  companyCode: string;
  target: string;
  erp: string;
  protection: ErpTargetState;
  /** Sends of this lane under way now. */
  sending: number;
  /** The last thing that went wrong in the lane's own loop (the log unreachable, say), cleared by the next good step. */
  problem: string | null;
}

/** What the SAP callback route answers, once the outcome is stored (or known not to need storing). */
export type ConfirmationAnswer =
  | { status: 'stored'; batchId: string; outcome: 'acknowledged' | 'rejected' }
  | { status: 'settled'; messageId: string }
  | { status: 'unauthorized' }
  | { status: 'not-a-confirmation'; message: string };

type Report = (level: 'warn' | 'error' | 'info', message: string) => void;

/**
 * Delivers closed posting batches to the ERP targets, one loop per lane (company code and target).
 * Each step reads the lane's recorded state, plans (planLane), records every attempt before it
 * goes out (SendBatch, in chain order), sends through the target's connector (its breaker,
 * bulkhead, timeouts and retries), and records the outcome. Nothing here keeps state a crash
 * could lose: after a restart the log shows the attempts without an outcome, and they go again
 * under the same ERP keys, which every ERP deduplicates. An ERP that is down only makes its
 * lanes wait (capture and projections never wait on it); its batches stay in the backlog.
 */
export class DeliveryRunner {
  private readonly lanes: Array<DeliveryLane & { wake: AbortController; sending: number; problem: string | null; loop?: Promise<void> }>;
  private readonly stopping = new AbortController();
  private readonly disposers: Array<{ dispose(): void }> = [];
  private busy = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    lanes: readonly DeliveryLane[],
    private readonly log: DeliveryLog,
    private readonly batches: DeliverableBatches,
    private readonly settings: DeliverySettings,
    private readonly clock: DeliveryClock = SYSTEM_CLOCK,
    private readonly report: Report = () => undefined,
  ) {
    this.lanes = lanes.map((lane) => ({ ...lane, wake: new AbortController(), sending: 0, problem: null }));
  }

  start(): void {
    const targets = new Map(this.lanes.map((lane) => [lane.connector.target, lane.connector]));
    for (const connector of targets.values()) {
      this.disposers.push(
        connector.resilience.onBreakerChange((state: BreakerState) => {
          this.report(state === 'open' ? 'warn' : 'info', `ERP target ${connector.target}: breaker ${state}`);
          // A breaker that closes again lets the target's lanes go at once.
          if (state === 'closed') this.wake(undefined, connector.target);
        }),
      );
    }
    for (const lane of this.lanes) lane.loop = this.run(lane);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    for (const lane of this.lanes) lane.wake.abort();
    for (const disposer of this.disposers.splice(0)) disposer.dispose();
    await Promise.all(this.lanes.map((lane) => lane.loop ?? Promise.resolve()));
  }

  /** Lanes of the company (or target, or all) look again now: an operator replayed or skipped, a batch closed. */
  wake(companyCode?: string, target?: string): void {
    for (const lane of this.lanes) {
      if ((companyCode === undefined || lane.companyCode === companyCode) && (target === undefined || lane.connector.target === target)) lane.wake.abort();
    }
  }

  status(): LaneLiveState[] {
    return this.lanes.map((lane) => ({
      companyCode: lane.companyCode,
      target: lane.connector.target,
      erp: lane.connector.erp,
      protection: lane.connector.resilience.state(),
      sending: lane.sending,
      problem: lane.problem,
    }));
  }

  /** Resolves once every lane waits (on time, a wake or new batches) with nothing under way: a test's virtual clock may move on. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * A JournalEntryBulkCreateConfirmation POSTed to the callback: checked against the SAP targets'
   * callback credentials, matched to the open batch whose message it answers, and its outcome
   * recorded. A confirmation of a batch that has settled meanwhile (a second copy, a late one)
   * records nothing.
   */
  async confirmation(authorization: string | undefined, body: string): Promise<ConfirmationAnswer> {
    const saps = [...new Set(this.lanes.map((lane) => lane.connector))].filter((connector): connector is SapConnector => connector.erp === 'sap');
    const authorized = saps.filter((connector) => connector.callbackAuthorized(authorization));
    if (authorized.length === 0) return { status: 'unauthorized' };
    let messageId: string;
    try {
      messageId = authorized[0].confirmedMessageId(body);
    } catch (error) {
      if (error instanceof SoapReadError) return { status: 'not-a-confirmation', message: error.message };
      throw error;
    }
    for (const lane of this.lanes.filter((l) => authorized.includes(l.connector as SapConnector))) {
      const connector = lane.connector as SapConnector;
      const state = await this.log.current(connector.target, lane.companyCode);
      const open = state.open.find((o) => sapMessageId(o.batchId, o.generation).id === messageId);
      if (!open) continue;
      const loaded = this.batches.load(open.batchId);
      if (!loaded.ok) throw new Error(`batch ${open.batchId} confirmed by SAP cannot be read: ${loaded.message}`);
      let outcome: ErpSendOutcome;
      try {
        outcome = connector.confirmationOutcome(body, loaded.input, open.attempt, replayOf(open));
      } catch (error) {
        if (error instanceof SoapReadError || error instanceof RangeError) return { status: 'not-a-confirmation', message: error.message };
        throw error;
      }
      await this.recordOutcome(lane, open, outcome, 'confirmation', loaded.input.entries.length);
      this.wake(lane.companyCode, connector.target);
      return { status: 'stored', batchId: open.batchId, outcome: outcome.outcome === 'acknowledged' ? 'acknowledged' : 'rejected' };
    }
    // A second or late copy for a batch that settled: SAP is told it arrived, so it stops sending it.
    this.report('info', `SAP confirmation of message ${messageId} matches no batch waiting for one (settled already, or not Ledgerbridge's): nothing recorded`);
    return { status: 'settled', messageId };
  }

  private async run(lane: (typeof this.lanes)[number]): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let waitMs: number;
      this.busy += 1;
      try {
        waitMs = await this.step(lane);
      } catch (error) {
        lane.problem = (error as Error).message;
        this.report('error', `ERP delivery of ${lane.companyCode} to ${lane.connector.target}: ${lane.problem}`);
        waitMs = this.settings.pollMs;
      } finally {
        this.busy -= 1;
      }
      if (this.stopping.signal.aborted) return;
      if (waitMs > 0) {
        if (this.busy === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (!lane.wake.signal.aborted) await this.clock.sleep(waitMs, lane.wake.signal);
      }
      if (lane.wake.signal.aborted) lane.wake = new AbortController();
    }
  }

  /** One round of the lane; answers how long to wait before the next (0: go on at once). */
  private async step(lane: (typeof this.lanes)[number]): Promise<number> {
    const { target } = lane.connector;
    lane.problem = null;
    const state = await this.log.current(target, lane.companyCode);
    const upcoming = this.batches.from(lane.companyCode, state.next, this.settings.window);
    const now = this.clock.now();
    const plan = planLane(state, upcoming, now, this.settings.window);
    if (plan.sends.length === 0) {
      const untilDue = plan.wakeAt === null ? Infinity : Math.max(1, plan.wakeAt - now);
      return Math.min(untilDue, this.settings.pollMs);
    }
    // Attempts are recorded before anything goes out, new batches in chain order.
    const recorded: Array<{ send: PlannedSend; input: BatchExportInput; open: OpenDelivery }> = [];
    for (const send of plan.sends) {
      const loaded = this.batches.load(send.batch.batchId);
      if (!loaded.ok) {
        if (loaded.reason === 'integrity-failed' && send.first) await this.refuseBeforeSending(lane, send, loaded.message);
        else lane.problem = `batch ${send.batch.batchId} cannot be sent to ${target}: ${loaded.message}`;
        break;
      }
      const replay = { generation: send.generation, positions: send.positions };
      try {
        const after = await this.log.record(
          ...withId({
            kind: 'SendBatch',
            companyCode: lane.companyCode,
            target,
            erp: lane.connector.erp,
            batchId: send.batch.batchId,
            chainIndex: send.batch.chainIndex,
            at: new Date(this.clock.now()).toISOString(),
            attempt: send.attempt,
            generation: send.generation,
            requestId: randomUUID(),
            key: lane.connector.keys(loaded.input, replay).batch,
            entryCount: loaded.input.entries.length,
            positions: send.positions,
            window: this.settings.window,
          }),
        );
        recorded.push({ send, input: loaded.input, open: after.open.find((o) => o.batchId === send.batch.batchId)! });
      } catch (error) {
        // Another writer moved the lane (an operator, a confirmation): plan again from what it recorded.
        if (error instanceof BusinessRuleRefusal && [DELIVERY_STALE, DELIVERY_OUT_OF_ORDER, DELIVERY_WINDOW_FULL].includes(error.code)) break;
        throw error;
      }
    }
    if (recorded.length === 0) return this.settings.pollMs;
    lane.sending += recorded.length;
    try {
      await Promise.all(
        recorded.map(async ({ send, input, open }) => {
          const outcome = await lane.connector.send(input, send.attempt, replayOf(open));
          await this.recordOutcome(lane, open, outcome, 'answer', input.entries.length);
        }),
      );
    } finally {
      lane.sending -= recorded.length;
    }
    return 0;
  }

  private async refuseBeforeSending(lane: DeliveryLane, send: PlannedSend, message: string): Promise<void> {
    await this.log.record(
      ...withId({
        kind: 'RecordRejected',
        companyCode: lane.companyCode,
        target: lane.connector.target,
        erp: lane.connector.erp,
        batchId: send.batch.batchId,
        chainIndex: send.batch.chainIndex,
        at: new Date(this.clock.now()).toISOString(),
        attempt: 0,
        generation: 0,
        retryable: false,
        reason: 'integrity-failed',
        message,
        refusedEntries: [],
        documents: [],
        via: 'runner',
        entryCount: 0,
        window: this.settings.window,
      }),
    );
  }

  private async recordOutcome(lane: DeliveryLane, open: OpenDelivery, outcome: ErpSendOutcome, via: 'answer' | 'confirmation', entryCount: number): Promise<void> {
    const about = {
      companyCode: lane.companyCode,
      target: lane.connector.target,
      erp: lane.connector.erp,
      batchId: open.batchId,
      chainIndex: open.chainIndex,
      at: new Date(this.clock.now()).toISOString(),
      attempt: outcome.attempt,
      generation: open.generation,
    };
    if (outcome.outcome === 'acknowledged') {
      await this.log.record(...withId<RecordAcknowledged>({ kind: 'RecordAcknowledged', ...about, documents: outcome.documents, via }));
    } else if (outcome.outcome === 'pending') {
      const confirmBy = new Date(this.clock.now() + this.settings.confirmationWaitMs).toISOString();
      await this.log.record(...withId({ kind: 'RecordPending', ...about, messageId: outcome.messageId, confirmBy }));
    } else {
      const retryAt = outcome.retryable
        ? new Date(
            this.clock.now() + retryDelayMs(outcome.attempt, { initialMs: this.settings.retryInitialMs, maxMs: this.settings.retryMaxMs }, Math.random(), outcome.retryAfterMs),
          ).toISOString()
        : undefined;
      if (!outcome.retryable) this.report('warn', `batch ${open.batchId} dead-lettered at ${lane.connector.target}: ${outcome.reason}: ${outcome.message}`);
      await this.log.record(
        ...withId<RecordRejected>({
          kind: 'RecordRejected',
          ...about,
          retryable: outcome.retryable,
          reason: outcome.reason,
          message: outcome.message,
          ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
          ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
          ...(retryAt !== undefined ? { retryAt } : {}),
          refusedEntries: outcome.refusedEntries,
          documents: outcome.documents,
          via,
          entryCount,
        }),
      );
    }
  }
}

function replayOf(open: OpenDelivery): ErpReplay {
  return { generation: open.generation, positions: open.remaining };
}

function withId<C extends Exclude<ErpDeliveryCommand, { kind: 'RequestReplay' | 'SkipBatch' }>>(command: C): [C, string] {
  return [command, deliveryCommandId(command)];
}
