import { status as GrpcStatus } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { distinctUntilChanged, from, map, merge, Observable, Subject, switchMap, timer } from 'rxjs';
import { Public } from '../access/access-requirements';
import { ServiceHealth } from './service-health';
import { ShutdownDrain } from './shutdown-drain';

/** Names a health client may ask about: the whole server ('') or Ledgerbridge itself. */
const KNOWN_SERVICES = new Set(['', 'ledgerbridge']);
/** How often a Watch stream checks readiness again; a drain is told at once. */
const WATCH_EVERY_MS = 5_000;

type ServingStatus = 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/**
 * The standard grpc.health.v1 service: SERVING while readiness is `ok` or `degraded`,
 * NOT_SERVING when the store does not answer or the service is shutting down. Probes need no API key.
 */
@Public()
@Controller()
export class HealthGrpcController {
  constructor(
    @Inject(ServiceHealth) private readonly health: ServiceHealth,
    @Inject(ShutdownDrain) private readonly drain: ShutdownDrain,
  ) {}

  @GrpcMethod('Health', 'Check')
  async check(request: { service?: string }): Promise<{ status: ServingStatus }> {
    const service = request.service ?? '';
    if (!KNOWN_SERVICES.has(service)) throw new RpcException({ code: GrpcStatus.NOT_FOUND, message: `unknown service ${service}` });
    return { status: await this.servingStatus() };
  }

  /**
   * The status now, then each change, until the client cancels: readiness is asked again every
   * 5 s, and at once when the service starts draining. An unknown service is answered
   * SERVICE_UNKNOWN on the stream (the protocol's way), not as an error.
   */
  @GrpcMethod('Health', 'Watch')
  watch(request: { service?: string }): Observable<{ status: ServingStatus }> {
    // Kept open, as the protocol asks: the service would be announced on it if it ever became known.
    if (!KNOWN_SERVICES.has(request.service ?? '')) return new Observable((subscriber) => subscriber.next({ status: 'SERVICE_UNKNOWN' }));
    const drained = new Subject<void>();
    return new Observable<{ status: ServingStatus }>((subscriber) => {
      const stopListening = this.drain.onDrain(() => drained.next());
      const subscription = merge(timer(0, WATCH_EVERY_MS), drained)
        .pipe(
          switchMap(() => from(this.servingStatus())),
          distinctUntilChanged(),
          map((status) => ({ status })),
        )
        .subscribe(subscriber);
      return () => {
        stopListening();
        subscription.unsubscribe();
      };
    });
  }

  private async servingStatus(): Promise<ServingStatus> {
    return (await this.health.readiness()).ok ? 'SERVING' : 'NOT_SERVING';
  }
}
