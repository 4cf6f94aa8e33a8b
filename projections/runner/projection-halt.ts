import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';

/**
 * Where a projection stopped because it cannot apply an event. It applies nothing at or after
 * that event until it can (an operator records a correction, or repairs what broke, and
 * restarts it): skipping would leave the read model, and every batch cut from it, silently short.
 * Kept in the projections database beside the checkpoint, so whoever reads the read model (a
 * view, the audit CLI, a host on another thread) sees the halt too.
 */
export interface ProjectionHalt {
  projection: string;
  /** The event it cannot apply; the checkpoint is the event before it. */
  position: GlobalPosition;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  /** Whose books the event touches; null when unknown, and then the halt concerns every company. */
  companyCode: string | null;
  error: string;
}

/** The halt as operators read it (positions as decimal text). */
export interface ProjectionHaltView {
  position: string;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  companyCode: string | null;
  error: string;
}

export const haltView = ({ projection: _, position, ...rest }: ProjectionHalt): ProjectionHaltView => ({ position: position.toString(), ...rest });

/** One line for logs and refusals: where, which event, why. */
export const describeHalt = (halt: ProjectionHalt): string =>
  `projection ${halt.projection} is halted at position ${halt.position} (event ${halt.eventId}, ${halt.type} v${halt.schemaVersion} ` +
  `${halt.streamId}@${halt.revision}${halt.companyCode ? `, company ${halt.companyCode}` : ''}): ${halt.error}`;

/** A halt concerns a company when its event is that company's, or when nobody can tell whose it is. */
export const haltConcerns = (halt: ProjectionHalt, companyCode: string): boolean => halt.companyCode === null || halt.companyCode === companyCode;

/** Thrown from inside a projection's transaction: which event of the batch could not be applied. */
export class EventNotApplied extends Error {
  override readonly name = 'EventNotApplied';
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    /** Its place in the batch handed to applyEvents: the events before it can be applied alone. */
    readonly index: number,
    readonly reason: string,
  ) {
    super(`projection ${projection} cannot apply event ${event.eventId} (${event.type} ${event.streamId}@${event.revision}, position ${event.globalPosition}): ${reason}`);
  }
}

/**
 * A request that needs what a halted projection has not applied (422 PROJECTION_HALTED): it
 * names the halt, so the operator knows which event to correct.
 */
export class ProjectionHaltedError extends BusinessRuleRefusal {
  constructor(readonly halt: ProjectionHalt) {
    super('PROJECTION_HALTED', describeHalt(halt), { projection: halt.projection, halt: haltView(halt) });
  }
}
