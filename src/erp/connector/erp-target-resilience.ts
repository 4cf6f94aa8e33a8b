import {
  BrokenCircuitError,
  bulkhead,
  BulkheadRejectedError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleType,
  noJitterGenerator,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { UnmappedAccountError } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { ErpAcknowledged, ErpPending, ErpRejected, ErpSendOutcome } from './erp-send-outcome';
import { ErpRefusalError, ErpUnavailableError } from './erp-failures';
import { RetryAfterBackoff } from './retry-after';

/** How one ERP target is protected; README "ERP connectors" lists the defaults. */
export interface ErpResilienceSettings {
  /** Each HTTP request to the target is cancelled after this long. */
  requestTimeoutMs: number;
  /** In-process retries of a send after a transient failure (0: none; the delivery log sends again later). */
  retries: number;
  /** First backoff before a retry; it grows exponentially, with jitter, to backoffMaxMs. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** A longer Retry-After ends the send as a retryable rejection carrying it, instead of waiting in process. */
  maxRetryAfterMs: number;
  /** Consecutive failed requests (network, timeout, 429, 5xx) that open the breaker. */
  breakAfterFailures: number;
  /** How long the breaker stays open before letting one request through (half-open); doubles on each re-open, up to halfOpenMaxMs. */
  halfOpenAfterMs: number;
  halfOpenMaxMs: number;
  /** Requests in flight to the target at most (bulkhead). */
  maxInFlight: number;
  /** Requests that may wait for a slot; one more is refused at once (bulkhead-full). */
  maxQueued: number;
}

export const DEFAULT_ERP_RESILIENCE: Readonly<ErpResilienceSettings> = {
  requestTimeoutMs: 30_000,
  retries: 3,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  maxRetryAfterMs: 60_000,
  breakAfterFailures: 5,
  halfOpenAfterMs: 5_000,
  halfOpenMaxMs: 120_000,
  maxInFlight: 4,
  maxQueued: 64,
};

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** What an operator sees of a target's protection. */
export interface ErpTargetState {
  target: string;
  breaker: BreakerState;
  inFlight: number;
  queued: number;
  maxInFlight: number;
}

const BREAKER_STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

type SendResult = Omit<ErpAcknowledged, 'target' | 'erp' | 'batchId' | 'attempt' | 'tries'> | Omit<ErpPending, 'target' | 'erp' | 'batchId' | 'attempt' | 'tries'>;

/**
 * cockatiel's policies for one ERP target, composed as the delivery needs them. Every request
 * passes the breaker (open: refused without reaching the ERP), then the bulkhead (at most
 * maxInFlight at once), then a timeout. A whole send is retried outside that, so a backoff never
 * holds a slot; a send is only retried because every connector's send is idempotent by the ERP's key.
 */
export class ErpTargetResilience {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly perRequest: IPolicy;
  private readonly perSend: RetryPolicy;

  constructor(
    readonly target: string,
    readonly settings: ErpResilienceSettings,
  ) {
    const failure = handleType(ErpUnavailableError).orType(TaskCancelledError);
    this.breaker = circuitBreaker(failure, {
      halfOpenAfter: new ExponentialBackoff({ initialDelay: settings.halfOpenAfterMs, maxDelay: settings.halfOpenMaxMs, generator: noJitterGenerator }),
      breaker: new ConsecutiveBreaker(settings.breakAfterFailures),
    });
    this.bulkhead = bulkhead(settings.maxInFlight, settings.maxQueued);
    this.perRequest = wrap(this.breaker, this.bulkhead, timeout(settings.requestTimeoutMs, TimeoutStrategy.Aggressive));
    // A Retry-After beyond maxRetryAfterMs is the caller's to wait out: the send ends and says so.
    const retryable = handleType(ErpUnavailableError, (error) => (error.retryAfterMs ?? 0) <= settings.maxRetryAfterMs).orType(TaskCancelledError);
    this.perSend = retry(retryable, { maxAttempts: settings.retries, backoff: new RetryAfterBackoff(settings.backoffInitialMs, settings.backoffMaxMs) });
  }

  /** One HTTP request to the target, through breaker, bulkhead and timeout; `signal` aborts it at the deadline. */
  request<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.perRequest.execute<T>(({ signal }) => fn(signal));
  }

  /**
   * A send: `attempt` runs once, and again after a transient failure as the settings allow.
   * Whatever ends it becomes an outcome; only a programming error is thrown.
   */
  async send(of: { target: string; erp: ErpSendOutcome['erp']; batchId: string; attempt: number }, attempt: () => Promise<SendResult>): Promise<ErpSendOutcome> {
    let tries = 0;
    try {
      const result = await this.perSend.execute(() => {
        tries += 1;
        return attempt();
      });
      return { ...of, tries, ...result };
    } catch (error) {
      return { ...of, tries, ...rejectionFor(error, this.settings) };
    }
  }

  state(): ErpTargetState {
    const { maxInFlight, maxQueued } = this.settings;
    return {
      target: this.target,
      breaker: BREAKER_STATES[this.breaker.state],
      inFlight: maxInFlight - this.bulkhead.executionSlots,
      queued: maxQueued - this.bulkhead.queueSlots,
      maxInFlight,
    };
  }

  /** Called on every breaker transition, e.g. to log it or count it in a metric. */
  onBreakerChange(listener: (state: BreakerState) => void): { dispose(): void } {
    return this.breaker.onStateChange((state) => listener(BREAKER_STATES[state]));
  }
}

type Rejection = Omit<ErpRejected, 'target' | 'erp' | 'batchId' | 'attempt' | 'tries'>;

function rejectionFor(error: unknown, settings: ErpResilienceSettings): Rejection {
  const none = { outcome: 'rejected' as const, refusedEntries: [], documents: [] };
  if (error instanceof ErpUnavailableError) {
    return {
      ...none,
      retryable: true,
      reason: error.reason,
      message: error.message,
      ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (error instanceof ErpRefusalError) {
    const { httpStatus, refusedEntries = [], documents = [] } = error.details;
    return { ...none, retryable: false, reason: error.reason, message: error.message, refusedEntries, documents, ...(httpStatus !== undefined ? { httpStatus } : {}) };
  }
  if (error instanceof UnmappedAccountError) return { ...none, retryable: false, reason: 'unmapped', message: error.message };
  if (error instanceof TaskCancelledError) return { ...none, retryable: true, reason: 'timeout', message: `the ERP did not answer within ${settings.requestTimeoutMs} ms` };
  if (error instanceof BrokenCircuitError) return { ...none, retryable: true, reason: 'circuit-open', message: 'the breaker is open after repeated failures; nothing was sent' };
  if (error instanceof BulkheadRejectedError)
    return { ...none, retryable: true, reason: 'bulkhead-full', message: 'too many requests already wait for this target; nothing was sent' };
  throw error;
}
