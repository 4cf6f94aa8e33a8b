import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { InputInvalidError } from '../../src/errors/input-invalid.error';
import { StandbyError } from '../../src/errors/standby.error';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import { SagaHost } from '../host/saga-host';
import { viewOf, type InstanceView, type OverdueRules } from '../runtime/instance-index';
import type { RunningSaga } from '../host/saga-thread.messages';
import type { SagaInstancesRequest } from './dto/saga-requests.dto';
import type { OverdueInstancesView, ParkedInstancesView, RetryOutcomeView, SagaInstancePageView, SagaInstanceView, SagaSummariesView } from './dto/saga-views';

const DEFAULT_PAGE = 50;

const toView = (saga: string, view: InstanceView): SagaInstanceView => ({ saga, ...view });

/**
 * What operators see of the running sagas and the one thing they do to them (retry), for
 * both transports. Everything is answered from each saga's in-memory instance index on the
 * saga thread (and, for completed instances, from the log by event type; each saga's lag, by a
 * count of the log after its position): no request reads every saga stream.
 */
@Injectable()
export class SagaCommands {
  private readonly overdueRules: OverdueRules;

  constructor(
    @Inject(SagaHost) private readonly host: SagaHost,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // A timer normally fires within one check; a minute (or ten checks) late means something is wrong.
    this.overdueRules = { stepAfterMs: config.sagaStepOverdueAfterMs, timerGraceMs: Math.max(60_000, 10 * config.sagaTimerCheckIntervalMs) };
  }

  async summaries(): Promise<SagaSummariesView> {
    return {
      sagas: await Promise.all(
        [...this.running()].map(async ([saga, runtime]) => {
          const { eventsBehind, secondsBehind } = await runtime.lag();
          return { saga, counts: await runtime.counts(), overdue: (await runtime.overdue(this.overdueRules)).length, eventsBehind, secondsBehind };
        }),
      ),
    };
  }

  async instances({ saga, state, after, limit }: SagaInstancesRequest): Promise<SagaInstancePageView> {
    const runtime = this.runtime(saga);
    const page = { ...(after === undefined ? {} : { after }), limit: limit ?? DEFAULT_PAGE };
    if (state === 'completed') {
      // Completed instances page by log position, not by instance id.
      if (after !== undefined && !/^\d+$/.test(after))
        throw new InputInvalidError([{ path: 'after', reason: 'after must be the `next` value of a previous page of completed instances' }]);
      const { instances, next } = await runtime.completed(page);
      return { saga, state, instances: instances.map(({ instanceId, completedAt }) => ({ saga, instanceId, state, timers: [], completedAt })), ...(next ? { next } : {}) };
    }
    const { instances, next } = await runtime.list(state, page);
    return { saga, state, instances: instances.map((view) => toView(saga, view)), ...(next ? { next } : {}) };
  }

  async overdue(): Promise<OverdueInstancesView> {
    const perSaga = await Promise.all(
      [...this.running()].map(async ([saga, runtime]) =>
        (await runtime.overdue(this.overdueRules)).map(({ why, since, ...view }) => ({ instance: toView(saga, view), why, since })),
      ),
    );
    return { instances: perSaga.flat() };
  }

  async parked(): Promise<ParkedInstancesView> {
    const perSaga = await Promise.all(
      [...this.running()].map(async ([saga, runtime]) =>
        Promise.all((await runtime.parked()).map(async ({ instanceId }) => toView(saga, (await runtime.view(instanceId)) ?? { instanceId, state: 'parked', timers: [] }))),
      ),
    );
    return { instances: perSaga.flat() };
  }

  /** 404 for an unknown saga or instance, 409 INSTANCE_NOT_PARKED when there is nothing to retry. */
  async retry(saga: string, instanceId: string): Promise<RetryOutcomeView> {
    const runtime = this.runtime(saga);
    const outcome = await runtime.retry(instanceId);
    if (outcome === 'not-found') throw new EntityNotFoundError('saga instance', `${saga}/${instanceId}`);
    if (outcome === 'not-parked') {
      throw new StateConflictError('INSTANCE_NOT_PARKED', `saga instance ${saga}/${instanceId} is not parked: there is nothing to retry`, { saga, instanceId });
    }
    return { outcome, instance: await this.current(saga, runtime, instanceId) };
  }

  private async current(saga: string, runtime: RunningSaga, instanceId: string): Promise<SagaInstanceView> {
    const view = await runtime.view(instanceId);
    if (view) return toView(saga, view);
    // Finished just now, or folded out of the index: read it through its actor.
    return toView(saga, viewOf(instanceId, await runtime.instance(instanceId)));
  }

  /** The sagas this node runs; a standby refuses (503 STANDBY) rather than answer with none. */
  private running(): ReadonlyMap<string, RunningSaga> {
    if (this.host.role === 'standby') throw new StandbyError('sagas', this.host.holder);
    return this.host.sagas;
  }

  private runtime(saga: string): RunningSaga {
    const runtime = this.running().get(saga);
    if (!runtime) throw new EntityNotFoundError('saga', saga);
    return runtime;
  }
}
