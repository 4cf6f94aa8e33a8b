import { Global, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthGrpcController } from './health.grpc';
import { HealthHttpController } from './health.http';
import { HealthIndicators } from './health-indicators';
import { ServiceHealth } from './service-health';
import { ShutdownDrain } from './shutdown-drain';

/**
 * Nest's shutdown asks the HTTP adapter first (`beforeClose`), before any module is destroyed:
 * the one moment at which the service can say `shutting_down` while everything still serves.
 */
@Injectable()
class DrainBeforeClose implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(ShutdownDrain) private readonly drain: ShutdownDrain,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as { beforeClose?: () => unknown } | undefined;
    if (!adapter) return;
    const beforeClose = adapter.beforeClose?.bind(adapter);
    adapter.beforeClose = async () => {
      await this.drain.begin();
      await beforeClose?.();
    };
  }
}

/**
 * Liveness, readiness (HTTP and grpc.health.v1 Check and Watch) and the shutdown drain. Global:
 * projections, sagas and ERP delivery register their indicators in HealthIndicators.
 */
@Global()
@Module({
  // Terminus logs nothing itself: a store that does not answer is logged by ServiceHealth.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthHttpController, HealthGrpcController],
  providers: [HealthIndicators, ShutdownDrain, ServiceHealth, DrainBeforeClose],
  exports: [HealthIndicators, TerminusModule],
})
export class HealthModule {}
