import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { SystemClock } from '../runtime/saga-clock';
import { SagaRuntime } from '../runtime/saga-runtime';
import { REGISTERED_SAGAS } from './registered-sagas';

/**
 * Runs every registered saga in this process: one SagaRuntime each, on the app's store and
 * command dispatcher, with wall-clock time. Started once the app is built, stopped before the
 * dispatcher and the store (NestJS destroys dependents first).
 */
@Injectable()
export class SagaHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sagas');
  private readonly running = new Map<string, SagaRuntime<unknown, any>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SAGAS_ENABLED) {
      this.logger.warn('SAGAS_ENABLED=false: no saga runs (orders are not reserved, captured or timed out)');
      return;
    }
    const clock = new SystemClock(this.config.sagaTimerCheckIntervalMs);
    const context = { config: this.config, get: <T>(token: any): T => this.moduleRef.get<T>(token, { strict: false }) };
    for (const registered of REGISTERED_SAGAS) {
      const definition = registered.definition(context);
      const runtime = new SagaRuntime(definition, {
        store: this.store,
        dispatcher: this.dispatcher,
        aggregates: registered.aggregates,
        effects: registered.effects?.(context),
        clock,
        onError: (error) => this.logger.error(`saga ${definition.name}: ${(error as Error)?.stack ?? String(error)}`),
      });
      await runtime.start();
      this.running.set(definition.name, runtime);
    }
    this.logger.log(`sagas running: ${[...this.running.keys()].join(', ')}`);
  }

  async onModuleDestroy(): Promise<void> {
    for (const runtime of this.running.values()) await runtime.stop();
    this.running.clear();
  }

  /** The running sagas by name (none when SAGAS_ENABLED=false). */
  get sagas(): ReadonlyMap<string, SagaRuntime<unknown, any>> {
    return this.running;
  }
}
