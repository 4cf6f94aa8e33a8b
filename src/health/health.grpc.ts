import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { Public } from '../access/access-requirements';
import { ReadinessCheck } from './readiness';

/** Names a health client may ask about: the whole server ('') or Ledgerbridge itself. */
const KNOWN_SERVICES = new Set(['', 'ledgerbridge']);

/** Probes need no API key. */
@Public()
@Controller()
export class HealthGrpcController {
  constructor(@Inject(ReadinessCheck) private readonly readiness: ReadinessCheck) {}

  @GrpcMethod('Health', 'Check')
  async check(request: { service?: string }): Promise<{ status: 'SERVING' | 'NOT_SERVING' }> {
    const service = request.service ?? '';
    if (!KNOWN_SERVICES.has(service)) {
      throw new RpcException({ code: GrpcStatus.NOT_FOUND, message: `unknown service ${service}` });
    }
    const readiness = await this.readiness.check();
    return { status: readiness.ready ? 'SERVING' : 'NOT_SERVING' };
  }
}
