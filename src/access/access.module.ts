import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AccessHttpController } from './access.http';
import { readApiKeyEntries } from './api-key-entries';
import { ApiKeyRegistry } from './api-key-registry';
import { Authenticator } from './authenticator';
import { RateLimiter } from './rate-limiter';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';

/**
 * Without configured keys the app is open (every caller is `local-dev` with every scope), so
 * `npm start` works on a fresh machine; in production that needs AUTH_DISABLED=true, said out loud.
 */
function authenticatorFor(config: AppConfig): Authenticator {
  const registry = new ApiKeyRegistry(readApiKeyEntries(config));
  if (registry.size > 0 && config.AUTH_DISABLED) throw new ConfigError('AUTH_DISABLED=true contradicts the configured API keys; remove one');
  if (registry.size > 0) return new Authenticator(registry, false);
  if (config.NODE_ENV === 'production' && !config.AUTH_DISABLED) {
    throw new ConfigError('NODE_ENV=production needs API keys (API_KEYS_FILE or API_KEYS), or AUTH_DISABLED=true to serve without them');
  }
  return new Authenticator(registry, true);
}

function rateLimiterFor(config: AppConfig, metrics?: MetricsRegistry): RateLimiter {
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_SECOND, config.RATE_LIMIT_BURST);
  metrics?.total('ledgerbridge_rate_limit_refusals_total', "Requests refused because their API key's token bucket was empty (429 RATE_LIMITED)", () => limiter.refusals);
  return limiter;
}

/** Says so at every start when the app is open, once the app's own logger is in place. */
@Injectable()
class OpenAccessWarning implements OnApplicationBootstrap {
  constructor(@Inject(Authenticator) private readonly authenticator: Authenticator) {}

  onApplicationBootstrap(): void {
    if (!this.authenticator.open) return;
    new Logger('Access').warn('no API keys configured: every request acts as local-dev with every scope (see docs/operations.md, "Access control: API keys")');
  }
}

@Module({
  controllers: [AccessHttpController],
  providers: [
    { provide: Authenticator, inject: [APP_CONFIG], useFactory: authenticatorFor },
    { provide: RateLimiter, inject: [APP_CONFIG, { token: MetricsRegistry, optional: true }], useFactory: rateLimiterFor },
    AccessGuard,
    OpenAccessWarning,
  ],
  exports: [AccessGuard],
})
export class AccessModule {}
