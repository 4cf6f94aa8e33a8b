import { Module } from '@nestjs/common';
import { HealthGrpcController } from './health.grpc';
import { HealthHttpController } from './health.http';
import { ReadinessCheck } from './readiness';

@Module({
  controllers: [HealthHttpController, HealthGrpcController],
  providers: [ReadinessCheck],
})
export class HealthModule {}
