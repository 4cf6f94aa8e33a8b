import type { BusinessError, ReprocessingOutcome } from './business-errors.events';

export type { ReprocessingOutcome } from './business-errors.events';

/** Puts a channel payload on the queue; the first record of a delivery stands, a repeat records nothing. */
export interface RecordBusinessError {
  kind: 'RecordBusinessError';
  error: BusinessError;
}

/** An operator ran the payload through the mediation again (after defining a promotion, say). */
export interface RecordReprocessing {
  kind: 'RecordReprocessing';
  outcome: ReprocessingOutcome;
  by: string;
  at: string;
}

/** An operator closes the entry without posting anything, saying why. */
export interface DismissBusinessError {
  kind: 'DismissBusinessError';
  reason: string;
  by: string;
  at: string;
}

export type BusinessErrorCommand = RecordBusinessError | RecordReprocessing | DismissBusinessError;
