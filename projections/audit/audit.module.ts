import { Module } from '@nestjs/common';
import { Auditor } from './auditor';
import { AuditGrpcController } from './grpc/audit.grpc';
import { AuditHttpController } from './http/audit.http';

/** Auditor tools over HTTP and gRPC; reads the event store and the projections database (both global). */
@Module({
  controllers: [AuditHttpController, AuditGrpcController],
  providers: [Auditor],
})
export class AuditModule {}
