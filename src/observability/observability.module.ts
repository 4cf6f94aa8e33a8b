import { Global, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { observeHttpRequests } from './http-request-observation';
import { CommandMetrics } from './metrics/command-metrics';
import { EdgeMetrics } from './metrics/edge-metrics';
import { LogFollowMetrics } from './metrics/log-follow-metrics';
import { MetricsHttpController } from './metrics/metrics.http';
import { MetricsRegistry } from './metrics/metrics-registry';
import { StoreMetrics } from './metrics/store-metrics';
import { flushTracing } from './tracing/tracing';

/** Hooks every HTTP request (spans, metrics) into the server before it starts: fastify applies hooks to every route when it gets ready. */
@Injectable()
class HttpRequestObservation implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(EdgeMetrics) private readonly metrics: EdgeMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) observeHttpRequests(fastify, this.metrics);
  }
}

/** Spans still buffered go out before the process ends. */
@Injectable()
class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}

/**
 * Metrics, request spans and the tracing SDK's lifecycle (logs: LoggingModule). Global: every
 * area registers its own series in the one MetricsRegistry (projections, sagas, access, ERP
 * delivery ...), and GET /metrics shows them. gRPC calls are observed by a server interceptor
 * (grpc-call-observation.ts) the gRPC options install.
 */
@Global()
@Module({
  controllers: [MetricsHttpController],
  providers: [
    MetricsRegistry,
    { provide: EdgeMetrics, inject: [MetricsRegistry], useFactory: (metrics: MetricsRegistry) => new EdgeMetrics(metrics) },
    { provide: CommandMetrics, inject: [MetricsRegistry], useFactory: (metrics: MetricsRegistry) => new CommandMetrics(metrics) },
    { provide: LogFollowMetrics, inject: [MetricsRegistry], useFactory: (metrics: MetricsRegistry) => new LogFollowMetrics(metrics) },
    { provide: StoreMetrics, inject: [MetricsRegistry, EVENT_STORE], useFactory: (metrics: MetricsRegistry, store: EventStore) => new StoreMetrics(metrics, store) },
    HttpRequestObservation,
    TracingFlush,
  ],
  exports: [MetricsRegistry, EdgeMetrics, CommandMetrics, LogFollowMetrics],
})
export class ObservabilityModule {}
