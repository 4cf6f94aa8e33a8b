import { ERP_NAMES, type ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

/**
 * What can go wrong, per ERP, set on the admin route. Request faults apply to the ERP's own
 * routes, never to its token endpoint (the identity provider is another system).
 * - throttle: 429 in the ERP's shape, with `Retry-After: retryAfterSeconds` when given (NetSuite sends none)
 * - error: a 5xx (`status`, default 500) in the ERP's shape
 * - hang: the request is never answered
 * - slow: answered normally after `delayMs`
 * - lose-response: processed normally, then the connection is dropped without an answer
 * - refuse: the entry whose key is `match` (SAP entry MessageHeader ID, NetSuite externalId, D365 voucher) is refused as invalid, in the ERP's shape
 * - callback (SAP): the confirmation is sent `never`, `twice`, or `late` (after delayMs)
 * - outage: for `seconds`, connections are refused (`mode: "refuse-connections"`, the default) or answered 503 (`mode: "unavailable"`)
 * `times` limits a rule to that many requests (absent: until removed); `method` to one HTTP method.
 */
export const FAULT_KINDS = ['throttle', 'error', 'hang', 'slow', 'lose-response', 'refuse', 'callback', 'outage'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  id: number;
  erp: ErpName;
  kind: Exclude<FaultKind, 'outage'>;
  /** Requests it still applies to; absent: until removed. */
  times?: number;
  method?: string;
  retryAfterSeconds?: number;
  status?: number;
  delayMs?: number;
  match?: string;
  message?: string;
  callback?: 'never' | 'twice' | 'late';
}

export interface Outage {
  erp: ErpName;
  seconds: number;
  mode: 'refuse-connections' | 'unavailable';
  retryAfterSeconds?: number;
}

/** Bad admin input: the field and why, answered 400. */
export class FaultInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const FIELDS: Record<FaultKind, string[]> = {
  throttle: ['retryAfterSeconds'],
  error: ['status', 'message'],
  hang: [],
  slow: ['delayMs'],
  'lose-response': [],
  refuse: ['match', 'message'],
  callback: ['callback', 'delayMs'],
  outage: ['seconds', 'mode', 'retryAfterSeconds'],
};

/** Reads one fault from the admin route's JSON, refusing anything it does not know. */
export function readFault(body: unknown): Omit<FaultRule, 'id'> | Outage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FaultInputError('body', 'must be a JSON object');
  const input = body as Record<string, unknown>;
  if (!(ERP_NAMES as readonly unknown[]).includes(input.erp)) throw new FaultInputError('erp', `must be one of ${ERP_NAMES.join(', ')}`);
  if (!(FAULT_KINDS as readonly unknown[]).includes(input.kind)) throw new FaultInputError('kind', `must be one of ${FAULT_KINDS.join(', ')}`);
  const erp = input.erp as ErpName;
  const kind = input.kind as FaultKind;
  const allowed = kind === 'outage' ? ['erp', 'kind', ...FIELDS.outage] : ['erp', 'kind', 'times', 'method', ...FIELDS[kind]];
  for (const key of Object.keys(input)) if (!allowed.includes(key)) throw new FaultInputError(key, `is not a field of a ${kind} fault`);
  const whole = (key: string, least: number, most: number): number | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > most) throw new FaultInputError(key, `must be a whole number from ${least} to ${most}`);
    return value;
  };
  const text = (key: string): string | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') throw new FaultInputError(key, 'must be a non-empty string');
    return value;
  };
  const retryAfterSeconds = whole('retryAfterSeconds', 0, 86_400);
  if (kind === 'outage') {
    const seconds = whole('seconds', 1, 86_400);
    if (seconds === undefined) throw new FaultInputError('seconds', 'is required for an outage');
    const mode = input.mode ?? 'refuse-connections';
    if (mode !== 'refuse-connections' && mode !== 'unavailable') throw new FaultInputError('mode', 'must be refuse-connections or unavailable');
    return { erp, seconds, mode, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  const rule: Omit<FaultRule, 'id'> = { erp, kind };
  const times = whole('times', 1, 1_000_000);
  if (times !== undefined) rule.times = times;
  const method = text('method');
  if (method !== undefined) rule.method = method.toUpperCase();
  if (retryAfterSeconds !== undefined) rule.retryAfterSeconds = retryAfterSeconds;
  const status = whole('status', 500, 599);
  if (status !== undefined) rule.status = status;
  const delayMs = whole('delayMs', 0, 600_000);
  if (delayMs !== undefined) rule.delayMs = delayMs;
  const message = text('message');
  if (message !== undefined) rule.message = message;
  if (kind === 'slow' && delayMs === undefined) throw new FaultInputError('delayMs', 'is required for a slow fault');
  if (kind === 'refuse') {
    const match = text('match');
    if (match === undefined) throw new FaultInputError('match', "is required: the refused entry's key");
    rule.match = match;
  }
  if (kind === 'callback') {
    if (erp !== 'sap') throw new FaultInputError('erp', 'only SAP confirms through a callback');
    if (input.callback !== 'never' && input.callback !== 'twice' && input.callback !== 'late') throw new FaultInputError('callback', 'must be never, twice or late');
    rule.callback = input.callback;
  }
  return rule;
}

/** The faults in force; each use of a limited rule counts down and removes it at zero. */
export class FaultBook {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    const stored = { id: this.nextId++, ...rule };
    this.rules.push(stored);
    return stored;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(erp?: ErpName): void {
    this.rules = erp === undefined ? [] : this.rules.filter((rule) => rule.erp !== erp);
  }

  /** The first request fault for this request, used up by one. */
  takeRequestFault(erp: ErpName, method: string): FaultRule | undefined {
    return this.take(
      (rule) => rule.erp === erp && ['throttle', 'error', 'hang', 'slow', 'lose-response'].includes(rule.kind) && (rule.method === undefined || rule.method === method),
    );
  }

  /** The message to refuse the entry with this key, if a rule says so. */
  refusal(erp: ErpName, key: string): string | undefined {
    const rule = this.take((r) => r.erp === erp && r.kind === 'refuse' && r.match === key);
    return rule && (rule.message ?? `entry ${key} refused by the simulator's fault rule ${rule.id}`);
  }

  takeCallbackFault(): FaultRule | undefined {
    return this.take((rule) => rule.kind === 'callback');
  }

  private take(applies: (rule: FaultRule) => boolean): FaultRule | undefined {
    const rule = this.rules.find(applies);
    if (rule?.times !== undefined) {
      rule.times -= 1;
      if (rule.times === 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }
}
