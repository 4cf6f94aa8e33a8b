import { type GrpcOptions, Transport } from '@nestjs/microservices';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';

/** `proto/` at the project root; this file runs from dist/src/grpc. */
const PROTO_ROOT = resolve(__dirname, '..', '..', '..', 'proto');

/** Every gRPC service Ledgerbridge serves, on one port. */
export function grpcOptions(config: AppConfig): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      url: `${config.HOST}:${config.GRPC_PORT}`,
      package: ['grpc.health.v1'],
      protoPath: ['grpc/health/v1/health.proto'],
      loader: { includeDirs: [PROTO_ROOT], keepCase: true, enums: String, longs: String, defaults: true },
    },
  };
}
