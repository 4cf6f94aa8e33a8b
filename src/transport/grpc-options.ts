import type { Server, ServerInterceptor } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { type GrpcOptions, Transport } from '@nestjs/microservices';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { BODY_LIMIT_BYTES } from './http-server';
import { decodeLeniently } from './undecodable-message';

/** `proto/` at the project root; this file runs from dist/src/grpc. */
const PROTO_ROOT = resolve(__dirname, '..', '..', '..', 'proto');

/** A proto package to serve besides Ledgerbridge's own (tests add probe services). */
export interface ExtraGrpcPackage {
  package: string;
  /** Absolute, or relative to `proto/`. */
  protoPath: string;
}

/**
 * The reflection service reads the files from each entry's `fileDescriptorProtos` and decodes
 * them for every entry, but proto-loader gives every message and enum the same list of all the
 * files: one entry per distinct list yields the same files, decoded once (about 0.3 s less per
 * start; services, listed from the files, are unaffected).
 */
function oneEntryPerFileList(definition: PackageDefinition): PackageDefinition {
  const lists = new Set<unknown>();
  return Object.fromEntries(
    Object.entries(definition).filter(([, entry]) => {
      const files = 'fileDescriptorProtos' in entry ? entry.fileDescriptorProtos : undefined;
      if (!Array.isArray(files) || lists.has(files)) return false;
      lists.add(files);
      return true;
    }),
  );
}

/** Every gRPC service Ledgerbridge serves, on one port. */
export function grpcOptions(config: AppConfig, extra: ExtraGrpcPackage[] = [], interceptors: ServerInterceptor[] = []): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      url: `${config.HOST}:${config.GRPC_PORT}`,
      package: [
        'grpc.health.v1',
        'ledgerbridge.order.v1',
        'ledgerbridge.promotion.v1',
        'ledgerbridge.settlement.v1',
        'ledgerbridge.gift_card.v1',
        'ledgerbridge.finance.v1',
        'ledgerbridge.audit.v1',
        'ledgerbridge.ops.v1',
        'ledgerbridge.posting.v1',
        'ledgerbridge.channels.v1',
        ...extra.map((e) => e.package),
      ],
      protoPath: [
        'grpc/health/v1/health.proto',
        'ledgerbridge/order/v1/order.proto',
        'ledgerbridge/promotion/v1/promotion.proto',
        'ledgerbridge/settlement/v1/settlement.proto',
        'ledgerbridge/gift_card/v1/gift_card.proto',
        'ledgerbridge/finance/v1/projections.proto',
        'ledgerbridge/finance/v1/finance.proto',
        'ledgerbridge/finance/v1/fiscal_periods.proto',
        'ledgerbridge/finance/v1/reference_data.proto',
        'ledgerbridge/audit/v1/audit.proto',
        'ledgerbridge/ops/v1/ops.proto',
        'ledgerbridge/ops/v1/erp_delivery.proto',
        'ledgerbridge/posting/v1/posting.proto',
        'ledgerbridge/channels/v1/shopify.proto',
        ...extra.map((e) => e.protoPath),
      ],
      loader: { includeDirs: [PROTO_ROOT], keepCase: true, enums: String, longs: String, defaults: true },
      // Dead peers are found by unanswered pings, idle connections closed (README "Configuration").
      keepalive: { keepaliveTimeMs: config.grpcKeepaliveTimeMs, keepaliveTimeoutMs: config.grpcKeepaliveTimeoutMs },
      channelOptions: {
        'grpc.max_connection_idle_ms': config.grpcMaxConnectionIdleMs,
        // The HTTP body limit: grpc-js refuses a larger message by its length prefix
        // (RESOURCE_EXHAUSTED), before reading or decoding it (its default is 4 MiB).
        'grpc.max_receive_message_length': BODY_LIMIT_BYTES,
        // grpc-js takes its server interceptors from the options Nest builds the Server with.
        interceptors,
      },
      onLoadPackageDefinition: (definition: PackageDefinition, server: Pick<Server, 'addService'>) => {
        decodeLeniently(definition);
        // Server reflection (v1 and v1alpha) over every loaded proto, so `grpcurl list` works without .proto files.
        new ReflectionService(oneEntryPerFileList(definition)).addToServer(server);
      },
    },
  };
}
