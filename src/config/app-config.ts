import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { DURATION_PATTERN, durationMs } from './duration';
import { SHIPPED_CHART_OF_ACCOUNTS } from './chart-of-accounts/chart-of-accounts.file';
import { IsChartOfAccountsFile } from './chart-of-accounts/chart-of-accounts.setting';
import { IsShopifyShops, readShopifyShops, type ShopifyShopSetting } from './shopify-shops.setting';
import { type ErpDeliveryTarget, IsErpTargets, readErpTargets } from './erp-targets.setting';
import { ALL_ROLES, parseRoles, type Role, ROLES } from './roles';
import type { TracesExporter, TracingSettings } from '../observability/tracing/tracing';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
// Anything but true/false is left as given, so IsBoolean names the bad value.
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const isDuration = (name: string) => Matches(DURATION_PATTERN, { message: `${name} must be a duration: a positive integer and a unit, such as 500ms, 30s, 15m, 2h or 3d` });
const msOf = (value: unknown): number | undefined => (typeof value === 'string' && DURATION_PATTERN.test(value) ? durationMs(value) : undefined);
/** Node's and grpc-js's timers hold at most 2^31-1 ms; a longer one fires at once instead. */
const fitsTimer = (name: string) =>
  ValidateBy({ name: 'fitsTimer', validator: { validate: (value) => (msOf(value) ?? 0) <= 2 ** 31 - 1, defaultMessage: () => `${name} must be at most 24d` } });
const atLeastOneSecond = (name: string) =>
  ValidateBy({ name: 'atLeastOneSecond', validator: { validate: (value) => (msOf(value) ?? 0) >= 1000, defaultMessage: () => `${name} must be at least 1s` } });
/** A known mix of roles; one without every role needs EventStoreDB, where the other nodes find the same log. */
const IsRoles = () =>
  ValidateBy({
    name: 'isRoles',
    validator: {
      validate: (value, args) => {
        const parsed = typeof value === 'string' ? parseRoles(value) : undefined;
        return parsed !== undefined && 'roles' in parsed && (parsed.roles.size === ROLES.length || (args?.object as AppConfig).EVENTSTORE_URL !== undefined);
      },
      defaultMessage: (args) => {
        const parsed = typeof args?.value === 'string' ? parseRoles(args.value) : undefined;
        if (parsed === undefined) return 'ROLES must be a text';
        if ('problem' in parsed) return parsed.problem;
        return `ROLES other than all (${ALL_ROLES}) needs EVENTSTORE_URL: the embedded store is one process's file, so the other roles would run nowhere`;
      },
    },
  });
const notLongerThan = (name: string, other: keyof AppConfig) =>
  ValidateBy({
    name: 'notLongerThan',
    validator: {
      validate: (value, args) => (msOf(value) ?? 0) <= (msOf((args?.object as AppConfig)[other]) ?? Infinity),
      defaultMessage: () => `${name} must not be longer than ${other}`,
    },
  });

/** Every setting, read from the environment once at start. README lists them. */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  GRPC_PORT = 50051;

  /** Unset: off. Set: serve the event store over EventStoreDB's gRPC protocol on this port. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  ESDB_PROTOCOL_PORT?: number;

  /** true: the EventStoreDB protocol endpoint refuses appends (PERMISSION_DENIED). */
  @Transform(toBool)
  @IsBoolean({ message: 'ESDB_PROTOCOL_READ_ONLY must be true or false' })
  ESDB_PROTOCOL_READ_ONLY = false;

  /** Where the embedded store keeps its SQLite file. */
  @IsString()
  DATA_DIR = './data';

  /** Unset: embedded store. Set: EventStoreDB or KurrentDB at this connection string (esdb:// or kurrentdb://, +discover for DNS discovery). */
  @IsOptional()
  @Matches(/^(esdb|kurrentdb)(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_URL must be an EventStoreDB or KurrentDB connection string such as kurrentdb://localhost:2113?tls=false or esdb://localhost:2113?tls=false',
  })
  EVENTSTORE_URL?: string;

  /** What this node does: api, projections, sagas, delivery, comma-separated (README "Configuration", docs/operations.md). */
  @IsRoles()
  ROLES = ALL_ROLES;

  /**
   * The saga and delivery runners each run on one node at a time, holding a lease in the event
   * store (EventStoreDB only) renewed six times per this; the holder stops acting half of it
   * after its last renewal, a standby takes over at most this long after it.
   */
  @isDuration('LEASE_TIMEOUT')
  @fitsTimer('LEASE_TIMEOUT')
  @atLeastOneSecond('LEASE_TIMEOUT')
  LEASE_TIMEOUT = '10s';

  /** full: every acknowledged append survives power loss; normal: survives a process crash only. */
  @IsIn(['full', 'normal'])
  EMBEDDED_DURABILITY: 'full' | 'normal' = 'full';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ACTOR_MAILBOX_CAPACITY = 256;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ACTOR_MAX_WARM = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ACTOR_IDLE_EVICTION_MS = 300_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  ACTOR_CONFLICT_RETRIES = 5;

  /** How far below the process the projection, saga and ERP delivery threads run (Linux niceness; 0: the same priority). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(19)
  BACK_OFFICE_NICENESS = 10;

  /** `production` makes API keys mandatory (unless AUTH_DISABLED=true); spelled exactly, so `Production` cannot start open. */
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** A JSON file listing API keys as `[{name, hash, scopes}]` (hashes only; see `npm run api-key`). */
  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  /** The same JSON array inline, for platforms that only pass environment variables. */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** true: serve without API keys even when NODE_ENV=production (e.g. behind an authenticating gateway). */
  @Transform(toBool)
  @IsBoolean({ message: 'AUTH_DISABLED must be true or false' })
  AUTH_DISABLED = false;

  /** Requests per second each API key may make on average (token bucket refill rate). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SECOND = 50;

  /** Requests a key may make at once after being quiet (token bucket size). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_BURST = 100;

  /** How long an Idempotency-Key and its answer are kept; the product promises at least 7 days. */
  @Transform(toInt)
  @IsInt()
  @Min(7)
  IDEMPOTENCY_RETENTION_DAYS = 7;

  /**
   * On EventStoreDB, how long a claim of an Idempotency-Key without an answer counts as still
   * running (409); after it, a retry takes the key over (its node may have died).
   */
  @isDuration('IDEMPOTENCY_IN_FLIGHT_TIMEOUT')
  @fitsTimer('IDEMPOTENCY_IN_FLIGHT_TIMEOUT')
  IDEMPOTENCY_IN_FLIGHT_TIMEOUT = '30s';

  /**
   * Shopify shops whose webhooks are accepted, as JSON:
   * `{"<shop>.myshopify.com": {"secret": "<webhook signing secret>", "companyCode": "US01"}}`
   * (optionally `previousSecret` while a rotation settles). Each company code must be in the chart.
   */
  @IsOptional()
  @IsString()
  @IsShopifyShops()
  SHOPIFY_SHOPS?: string;

  /** How long a channel's payment, shipment or cancellation that arrived before its order waits before the channel-order saga shows it as stuck. */
  @isDuration('CHANNEL_ORDER_WAIT')
  CHANNEL_ORDER_WAIT = '7d';

  /** How long money a Shopify order body says was paid waits for its transactions before it is recorded without them. */
  @isDuration('CHANNEL_PAYMENT_WAIT')
  CHANNEL_PAYMENT_WAIT = '1h';

  /** false: no saga runs in this process (orders are taken, nothing reserves, captures or times out). */
  @Transform(toBool)
  @IsBoolean({ message: 'SAGAS_ENABLED must be true or false' })
  SAGAS_ENABLED = true;

  /** An order not fully paid this long after it was placed is compensated and cancelled. */
  @isDuration('FULFILLMENT_PAYMENT_TIMEOUT')
  FULFILLMENT_PAYMENT_TIMEOUT = '1h';

  /** A paid pickup order not collected this long after payment is cancelled and refunded. */
  @isDuration('FULFILLMENT_PICKUP_TIMEOUT')
  FULFILLMENT_PICKUP_TIMEOUT = '3d';

  /** Where shipped (not pickup) orders reserve their stock. */
  @Matches(/^\S+$/, { message: 'DEFAULT_LOCATION_ID must be a location id without spaces' })
  DEFAULT_LOCATION_ID = 'main-warehouse';

  /** How long a channel refund that arrived before its order waits for it before the refund saga shows it as stuck. */
  @isDuration('REFUND_ORDER_WAIT')
  REFUND_ORDER_WAIT = '7d';

  /** Where customer-return refunds are paid: none (they park until one is configured) or simulated (moves no money; development and tests). */
  @IsIn(['none', 'simulated'])
  PAYMENT_PROVIDER: 'none' | 'simulated' = 'none';

  /** How often sagas look for timers that came due. */
  @isDuration('SAGA_TIMER_CHECK_INTERVAL')
  SAGA_TIMER_CHECK_INTERVAL = '1s';

  /** The ops view lists an unfinished instance that took no input for this long as past its deadline. */
  @isDuration('SAGA_STEP_OVERDUE_AFTER')
  SAGA_STEP_OVERDUE_AFTER = '24h';

  /** Chart of accounts: per company code and ERP, each account role's GL account (read and checked at start). */
  @IsChartOfAccountsFile()
  CHART_OF_ACCOUNTS = SHIPPED_CHART_OF_ACCOUNTS;

  /**
   * A company's posting day closes into a batch on its own once this many journal entries are
   * open, and no batch holds more. At most 4000: each entry adds about 220 bytes to its
   * PostingBatchClosed, and EventStoreDB refuses an append over 1 MiB.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4_000)
  BATCH_MAX_ENTRIES = 500;

  /**
   * ERP targets that closed posting batches are delivered to, as JSON: the connectors' settings
   * (README "ERP connectors"), each with `companyCodes`, the companies it receives. Unset: nothing
   * is delivered (batches can still be downloaded).
   */
  @IsOptional()
  @IsString()
  @IsErpTargets()
  ERP_TARGETS?: string;

  /** Batches of one company and target that may be sent before the oldest of them is acknowledged (1: strictly one after another). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  ERP_DELIVERY_WINDOW = 1;

  /** How long SAP's confirmation is awaited after it took a batch (202) before the batch is sent again (SAP answers a repeated message with its confirmation). */
  @isDuration('ERP_CONFIRMATION_WAIT')
  @fitsTimer('ERP_CONFIRMATION_WAIT')
  ERP_CONFIRMATION_WAIT = '15m';

  /** The longest wait before a batch the ERP could not take goes again (the delay grows from 1 s, never shorter than the ERP's Retry-After). */
  @isDuration('ERP_RETRY_MAX_DELAY')
  @fitsTimer('ERP_RETRY_MAX_DELAY')
  ERP_RETRY_MAX_DELAY = '1m';

  /** HTTP: a client must send a request's headers within this; past it, 408 and the connection closes (slow-header clients). */
  @isDuration('HTTP_HEADERS_TIMEOUT')
  @fitsTimer('HTTP_HEADERS_TIMEOUT')
  @notLongerThan('HTTP_HEADERS_TIMEOUT', 'HTTP_REQUEST_TIMEOUT')
  HTTP_HEADERS_TIMEOUT = '10s';

  /** HTTP: a client must send a whole request, body included, within this; past it, 408 and the connection closes. */
  @isDuration('HTTP_REQUEST_TIMEOUT')
  @fitsTimer('HTTP_REQUEST_TIMEOUT')
  HTTP_REQUEST_TIMEOUT = '30s';

  /**
   * HTTP: an idle keep-alive connection is closed after this. Longer than a load balancer's
   * idle timeout (60 s on most), so it never sends a request on a connection being closed.
   */
  @isDuration('HTTP_KEEP_ALIVE_TIMEOUT')
  @fitsTimer('HTTP_KEEP_ALIVE_TIMEOUT')
  HTTP_KEEP_ALIVE_TIMEOUT = '72s';

  /** HTTP: a connection on which no byte moves either way for this long is closed, also while its request is handled. */
  @isDuration('HTTP_IDLE_TIMEOUT')
  @fitsTimer('HTTP_IDLE_TIMEOUT')
  HTTP_IDLE_TIMEOUT = '2m';

  /** gRPC: each connection is pinged this often, to find peers that went away without closing. */
  @isDuration('GRPC_KEEPALIVE_TIME')
  @fitsTimer('GRPC_KEEPALIVE_TIME')
  GRPC_KEEPALIVE_TIME = '1m';

  /** gRPC: a connection whose ping is not answered within this is dropped. */
  @isDuration('GRPC_KEEPALIVE_TIMEOUT')
  @fitsTimer('GRPC_KEEPALIVE_TIMEOUT')
  GRPC_KEEPALIVE_TIMEOUT = '20s';

  /** gRPC: a connection without a call for this long is closed (GOAWAY; clients reconnect when they next call). */
  @isDuration('GRPC_MAX_CONNECTION_IDLE')
  @fitsTimer('GRPC_MAX_CONNECTION_IDLE')
  GRPC_MAX_CONNECTION_IDLE = '5m';

  /**
   * After SIGTERM, readiness answers 503 `shutting_down` for this long while requests are still
   * served, so a load balancer stops sending new ones before the service stops; unset: no wait.
   */
  @IsOptional()
  @isDuration('SHUTDOWN_DRAIN')
  @fitsTimer('SHUTDOWN_DRAIN')
  SHUTDOWN_DRAIN?: string;

  /** Where OpenTelemetry spans go: `none`, `otlp` (OTLP over HTTP), `console`, comma-separated; `none` (the default) exports nothing. */
  @Matches(/^(none|otlp|console)(,(none|otlp|console))*$/, { message: 'OTEL_TRACES_EXPORTER must be none, otlp or console (comma-separated for several)' })
  OTEL_TRACES_EXPORTER = 'none';

  /** true: no OpenTelemetry SDK whatever OTEL_TRACES_EXPORTER says (the standard switch). */
  @Transform(toBool)
  @IsBoolean({ message: 'OTEL_SDK_DISABLED must be true or false' })
  OTEL_SDK_DISABLED = false;

  /** The `service.name` of every span (OTEL_RESOURCE_ATTRIBUTES may add others). */
  @IsString()
  OTEL_SERVICE_NAME = 'ledgerbridge';

  get roles(): ReadonlySet<Role> {
    const parsed = parseRoles(this.ROLES);
    return 'roles' in parsed ? parsed.roles : new Set(ROLES);
  }

  get leaseTimeoutMs(): number {
    return durationMs(this.LEASE_TIMEOUT);
  }

  get idempotencyInFlightTimeoutMs(): number {
    return durationMs(this.IDEMPOTENCY_IN_FLIGHT_TIMEOUT);
  }

  get httpHeadersTimeoutMs(): number {
    return durationMs(this.HTTP_HEADERS_TIMEOUT);
  }

  get httpRequestTimeoutMs(): number {
    return durationMs(this.HTTP_REQUEST_TIMEOUT);
  }

  get httpKeepAliveTimeoutMs(): number {
    return durationMs(this.HTTP_KEEP_ALIVE_TIMEOUT);
  }

  get httpIdleTimeoutMs(): number {
    return durationMs(this.HTTP_IDLE_TIMEOUT);
  }

  get grpcKeepaliveTimeMs(): number {
    return durationMs(this.GRPC_KEEPALIVE_TIME);
  }

  get grpcKeepaliveTimeoutMs(): number {
    return durationMs(this.GRPC_KEEPALIVE_TIMEOUT);
  }

  get grpcMaxConnectionIdleMs(): number {
    return durationMs(this.GRPC_MAX_CONNECTION_IDLE);
  }

  get shutdownDrainMs(): number {
    return this.SHUTDOWN_DRAIN ? durationMs(this.SHUTDOWN_DRAIN) : 0;
  }

  /** OpenTelemetry as the OTEL_* settings say (src/observability/tracing/tracing.ts). */
  get tracing(): TracingSettings {
    return {
      exporters: this.OTEL_TRACES_EXPORTER.split(',') as TracesExporter[],
      sdkDisabled: this.OTEL_SDK_DISABLED,
      serviceName: this.OTEL_SERVICE_NAME,
    };
  }

  get fulfillmentPaymentTimeoutMs(): number {
    return durationMs(this.FULFILLMENT_PAYMENT_TIMEOUT);
  }

  get fulfillmentPickupTimeoutMs(): number {
    return durationMs(this.FULFILLMENT_PICKUP_TIMEOUT);
  }

  get channelOrderWaitMs(): number {
    return durationMs(this.CHANNEL_ORDER_WAIT);
  }

  get channelPaymentWaitMs(): number {
    return durationMs(this.CHANNEL_PAYMENT_WAIT);
  }

  /** The shops of SHOPIFY_SHOPS, by domain (checked at start). */
  get shopifyShops(): Map<string, ShopifyShopSetting> {
    return readShopifyShops(this.SHOPIFY_SHOPS).shops;
  }

  /** The targets of ERP_TARGETS with their companies (checked at start). */
  get erpTargets(): ErpDeliveryTarget[] {
    return readErpTargets(this.ERP_TARGETS).targets;
  }

  get erpConfirmationWaitMs(): number {
    return durationMs(this.ERP_CONFIRMATION_WAIT);
  }

  get erpRetryMaxDelayMs(): number {
    return durationMs(this.ERP_RETRY_MAX_DELAY);
  }

  get refundOrderWaitMs(): number {
    return durationMs(this.REFUND_ORDER_WAIT);
  }

  get sagaTimerCheckIntervalMs(): number {
    return durationMs(this.SAGA_TIMER_CHECK_INTERVAL);
  }

  get sagaStepOverdueAfterMs(): number {
    return durationMs(this.SAGA_STEP_OVERDUE_AFTER);
  }

  get embeddedStoreFile(): string {
    return resolve(this.DATA_DIR, 'events.sqlite');
  }

  /** The read models live beside the event store's file even when the store is EventStoreDB. */
  get projectionsFile(): string {
    return resolve(this.DATA_DIR, 'projections.sqlite');
  }

  /** Idempotency keys live here on the embedded store; on EventStoreDB, in the event store (any node takes a retry). */
  get idempotencyStoreFile(): string {
    return resolve(this.DATA_DIR, 'idempotency.sqlite');
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Settings whose value is never echoed back, not even in the start-up message. */
const SECRET_SETTINGS: ReadonlySet<string> = new Set(['SHOPIFY_SHOPS', 'ERP_TARGETS']);

/** Reads settings from `env`, keeping defaults for what is unset; throws one message naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]));
  const config = plainToInstance(AppConfig, given);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${SECRET_SETTINGS.has(e.property) ? '(not shown: it holds secrets)' : JSON.stringify(given[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export const APP_CONFIG = Symbol('AppConfig');
