import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import type { ErpDocument } from '../connector/erp-send-outcome';
import type { ErpDeliveryCommand, OperatorCommand, RecordAcknowledged, RecordPending, RecordRejected, SendBatch } from './erp-delivery.commands';
import { type ErpDeliveryEvent, LISTED_REFUSALS } from './erp-delivery.events';
import type { DeadLetterRejection, DeliveryLaneState, OpenDelivery } from './erp-delivery.state';

/** The runner acted on a state the lane has moved past (another outcome, an operator): it reads the lane again. */
export const DELIVERY_STALE = 'DELIVERY_STALE';
/** A batch would go before an earlier one of its company. */
export const DELIVERY_OUT_OF_ORDER = 'DELIVERY_OUT_OF_ORDER';
/** The window's batches are all open. */
export const DELIVERY_WINDOW_FULL = 'DELIVERY_WINDOW_FULL';
/** Replay and skip are for a batch the ERP refused (or could not take), not one in flight or settled. */
export const BATCH_NOT_DEAD_LETTERED = 'BATCH_NOT_DEAD_LETTERED';
export const BATCH_IN_FLIGHT = 'BATCH_IN_FLIGHT';

/**
 * The delivery log of one lane (company code, ERP target). Batches are taken strictly in chain
 * order and at most `window` are open; an attempt is recorded before it goes out, so a restart
 * finds it and resends under the same ERP keys. Outcomes of an attempt the lane has moved past (a
 * SAP confirmation arriving twice, late, or after the batch settled) record nothing: the decision
 * is then an empty list, so the runner and the callback can always just record what they heard.
 */
export function decideErpDelivery(command: ErpDeliveryCommand, state: DeliveryLaneState): ErpDeliveryEvent[] {
  switch (command.kind) {
    case 'SendBatch':
      return send(command, state);
    case 'RecordPending':
      return pending(command, state);
    case 'RecordAcknowledged':
      return acknowledged(command, state);
    case 'RecordRejected':
      return rejected(command, state);
    case 'RequestReplay':
      return replay(command, state);
    case 'SkipBatch':
      return skip(command, state);
  }
}

const openOf = (state: DeliveryLaneState, batchId: string) => state.open.find((open) => open.batchId === batchId);

function withOpen(state: DeliveryLaneState, changed: OpenDelivery): DeliveryLaneState {
  return { ...state, open: state.open.map((open) => (open.batchId === changed.batchId ? changed : open)) };
}

function laneOf(state: DeliveryLaneState, command: { companyCode: string; target: string; erp: DeliveryLaneState['erp'] }): DeliveryLaneState {
  return { ...state, companyCode: command.companyCode, target: command.target, erp: command.erp ?? state.erp };
}

function fact(command: { companyCode: string; target: string; batchId: string; at: string }, state: DeliveryLaneState, chainIndex: number) {
  return { companyCode: command.companyCode, target: command.target, erp: state.erp!, batchId: command.batchId, chainIndex, at: command.at };
}

function send(command: SendBatch, state: DeliveryLaneState): ErpDeliveryEvent[] {
  const open = openOf(state, command.batchId);
  const sent = (after: DeliveryLaneState): ErpDeliveryEvent[] => [
    {
      type: 'BatchSentToErp',
      data: {
        ...fact(command, after, command.chainIndex),
        attempt: command.attempt,
        generation: command.generation,
        requestId: command.requestId,
        key: command.key,
        entryCount: command.entryCount,
        positions: command.positions,
        after,
      },
    },
  ];
  if (open) {
    if (open.status === 'dead-lettered')
      throw new BusinessRuleRefusal(DELIVERY_STALE, `batch ${command.batchId} is dead-lettered: an operator replays or skips it`, { batchId: command.batchId });
    if (command.attempt !== open.attempt + 1 || command.generation !== open.generation) {
      throw new BusinessRuleRefusal(
        DELIVERY_STALE,
        `batch ${command.batchId} is at attempt ${open.attempt} of generation ${open.generation}, not before attempt ${command.attempt} of ${command.generation}`,
        {
          batchId: command.batchId,
        },
      );
    }
    return sent(withOpen(laneOf(state, command), { ...open, status: 'sent', attempt: command.attempt, lastSentAt: command.at, dueAt: null }));
  }
  if (command.chainIndex < state.next) throw new BusinessRuleRefusal(DELIVERY_STALE, `batch ${command.batchId} is settled`, { batchId: command.batchId });
  if (command.chainIndex > state.next) {
    throw new BusinessRuleRefusal(DELIVERY_OUT_OF_ORDER, `batch ${command.batchId} (chain index ${command.chainIndex}) cannot go before chain index ${state.next}`, {
      batchId: command.batchId,
      next: state.next,
    });
  }
  if (state.open.length >= command.window) {
    throw new BusinessRuleRefusal(DELIVERY_WINDOW_FULL, `${state.open.length} batches are open, the window is ${command.window}`, { open: state.open.map((o) => o.batchId) });
  }
  if (command.attempt !== 1 || command.generation !== 0)
    throw new BusinessRuleRefusal(DELIVERY_STALE, `batch ${command.batchId} was never sent: its first attempt is 1 of generation 0`, {});
  const taken: OpenDelivery = {
    batchId: command.batchId,
    chainIndex: command.chainIndex,
    status: 'sent',
    attempt: 1,
    generation: 0,
    entryCount: command.entryCount,
    remaining: null,
    firstSentAt: command.at,
    lastSentAt: command.at,
    dueAt: null,
  };
  const lane = laneOf(state, command);
  return sent({ ...lane, next: command.chainIndex + 1, open: [...lane.open, taken] });
}

/** The open batch an outcome is about, if the outcome still applies to it. */
function answered(state: DeliveryLaneState, command: { batchId: string; generation: number }): OpenDelivery | undefined {
  const open = openOf(state, command.batchId);
  return open && open.generation === command.generation ? open : undefined;
}

function pending(command: RecordPending, state: DeliveryLaneState): ErpDeliveryEvent[] {
  const open = answered(state, command);
  // A confirmation may have settled the batch, or refused it, before SAP's 202 was recorded.
  if (!open || open.status !== 'sent' || open.attempt !== command.attempt) return [];
  const after = withOpen(state, { ...open, status: 'pending', dueAt: command.confirmBy });
  return [
    {
      type: 'BatchPendingAtErp',
      data: {
        ...fact(command, after, open.chainIndex),
        attempt: command.attempt,
        generation: command.generation,
        messageId: command.messageId,
        confirmBy: command.confirmBy,
        after,
      },
    },
  ];
}

function acknowledged(command: RecordAcknowledged, state: DeliveryLaneState): ErpDeliveryEvent[] {
  // Whatever the batch waits for, the ERP saying it posted it settles it.
  const open = answered(state, command);
  if (!open) return [];
  const after: DeliveryLaneState = {
    ...state,
    open: state.open.filter((o) => o.batchId !== open.batchId),
    lastAcknowledged: { batchId: open.batchId, chainIndex: open.chainIndex, at: command.at },
  };
  return [
    {
      type: 'BatchAcknowledgedByErp',
      data: { ...fact(command, after, open.chainIndex), attempt: command.attempt, generation: command.generation, documents: command.documents, via: command.via, after },
    },
  ];
}

/** Entries still to post once the ERP documented some of them (per entry; a batch's one document settles nothing per entry). */
function remainingAfter(open: OpenDelivery, documents: readonly ErpDocument[]): number[] | null {
  const documented = new Set(documents.flatMap((d) => (d.entry ? [d.entry.position] : [])));
  if (documented.size === 0) return open.remaining;
  const all = open.remaining ?? Array.from({ length: open.entryCount }, (_, i) => i + 1);
  return all.filter((position) => !documented.has(position));
}

function rejected(command: RecordRejected, state: DeliveryLaneState): ErpDeliveryEvent[] {
  let open = answered(state, command);
  let lane = state;
  if (command.via === 'runner') {
    // Refused before any send: the lane's next batch is taken straight into the dead letters.
    if (openOf(state, command.batchId) || command.chainIndex !== state.next || command.retryable || state.open.length >= (command.window ?? 1)) return [];
    open = {
      batchId: command.batchId,
      chainIndex: command.chainIndex,
      status: 'sent',
      attempt: 0,
      generation: 0,
      entryCount: command.entryCount,
      remaining: null,
      firstSentAt: command.at,
      lastSentAt: command.at,
      dueAt: null,
    };
    lane = { ...laneOf(state, command), next: command.chainIndex + 1, open: [...state.open, open] };
  }
  if (!open || (open.status !== 'sent' && open.status !== 'pending')) return [];
  // A retryable failure is about the attempt in flight; SAP's refusal may answer an earlier attempt of the same message.
  if (command.retryable ? open.attempt !== command.attempt : command.attempt > open.attempt) return [];
  const rejection: DeadLetterRejection = {
    at: command.at,
    attempt: command.attempt,
    reason: command.reason,
    message: command.message,
    httpStatus: command.httpStatus ?? null,
    refusedEntries: command.refusedEntries.slice(0, LISTED_REFUSALS),
    refusedCount: command.refusedEntries.length,
    via: command.via,
  };
  const changed: OpenDelivery = command.retryable
    ? { ...open, status: 'rejected', dueAt: command.retryAt ?? command.at }
    : { ...open, status: 'dead-lettered', dueAt: null, remaining: remainingAfter(open, command.documents), rejection };
  const after = withOpen(lane, changed);
  const about = fact(command, after, open.chainIndex);
  const events: ErpDeliveryEvent[] = [
    {
      type: 'BatchRejectedByErp',
      data: {
        ...about,
        attempt: command.attempt,
        generation: command.generation,
        retryable: command.retryable,
        reason: command.reason,
        message: command.message,
        httpStatus: rejection.httpStatus,
        retryAfterMs: command.retryAfterMs ?? null,
        retryAt: command.retryable ? changed.dueAt : null,
        refusedEntries: rejection.refusedEntries,
        refusedCount: rejection.refusedCount,
        documents: command.documents,
        via: command.via,
        after,
      },
    },
  ];
  if (!command.retryable) events.push({ type: 'BatchDeadLettered', data: { ...about, reason: command.reason, message: command.message, after } });
  return events;
}

function decided(command: OperatorCommand, state: DeliveryLaneState, allowed: readonly OpenDelivery['status'][]): OpenDelivery {
  const open = openOf(state, command.batchId);
  if (!open) {
    throw new BusinessRuleRefusal(
      BATCH_NOT_DEAD_LETTERED,
      `batch ${command.batchId} is not waiting in ${command.target}'s delivery of ${command.companyCode}: it is settled or not taken yet`,
      {
        batchId: command.batchId,
        target: command.target,
      },
    );
  }
  if (!allowed.includes(open.status)) {
    const code = open.status === 'sent' || open.status === 'pending' ? BATCH_IN_FLIGHT : BATCH_NOT_DEAD_LETTERED;
    throw new BusinessRuleRefusal(code, `batch ${command.batchId} is ${open.status} at ${command.target}`, {
      batchId: command.batchId,
      target: command.target,
      status: open.status,
    });
  }
  return open;
}

/** Sends a dead letter again under the next generation (SAP will not process a message id twice). */
function replay(command: OperatorCommand, state: DeliveryLaneState): ErpDeliveryEvent[] {
  // The refusal is kept only while the batch is a dead letter: the replay's own outcome is what counts next.
  const { rejection: _answered, ...open } = decided(command, state, ['dead-lettered']);
  const generation = open.generation + 1;
  const after = withOpen(state, { ...open, status: 'replay-requested', generation, dueAt: null });
  return [{ type: 'BatchReplayRequested', data: { ...fact(command, after, open.chainIndex), who: command.who, why: command.why, generation, after } }];
}

/** Gives a batch up for this target, an audited decision: the batches after it go on. Never one in flight, whose outcome is still to come. */
function skip(command: OperatorCommand, state: DeliveryLaneState): ErpDeliveryEvent[] {
  const open = decided(command, state, ['dead-lettered', 'rejected', 'replay-requested']);
  const after = { ...state, open: state.open.filter((o) => o.batchId !== open.batchId) };
  return [{ type: 'BatchSkipped', data: { ...fact(command, after, open.chainIndex), who: command.who, why: command.why, after } }];
}
