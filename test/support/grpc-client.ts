import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';

/** The contracts as clients get them; this file runs from a dist folder. */
const PROTO_ROOT = resolve(__dirname, '..', '..', '..', 'proto');

/** A served gRPC service: its .proto (under proto/, or an absolute path) and its full name. */
export interface GrpcService {
  proto: string;
  service: string;
  /** How int64 fields arrive in responses; proto-loader's Long objects when absent. */
  longs?: typeof String | typeof Number;
}

/** The service's contracts, with int64 as the suites read them. */
export const GRPC_SERVICES = {
  orders: { proto: 'ledgerbridge/order/v1/order.proto', service: 'ledgerbridge.order.v1.Orders', longs: String },
  audit: { proto: 'ledgerbridge/audit/v1/audit.proto', service: 'ledgerbridge.audit.v1.Audit', longs: String },
  finance: { proto: 'ledgerbridge/finance/v1/finance.proto', service: 'ledgerbridge.finance.v1.Finance', longs: Number },
  promotions: { proto: 'ledgerbridge/promotion/v1/promotion.proto', service: 'ledgerbridge.promotion.v1.Promotions', longs: Number },
  settlements: { proto: 'ledgerbridge/settlement/v1/settlement.proto', service: 'ledgerbridge.settlement.v1.Settlements', longs: Number },
  giftCards: { proto: 'ledgerbridge/gift_card/v1/gift_card.proto', service: 'ledgerbridge.gift_card.v1.GiftCards', longs: Number },
  projections: { proto: 'ledgerbridge/finance/v1/projections.proto', service: 'ledgerbridge.finance.v1.Projections', longs: Number },
  postingBatches: { proto: 'ledgerbridge/posting/v1/posting.proto', service: 'ledgerbridge.posting.v1.PostingBatches', longs: String },
  operations: { proto: 'ledgerbridge/ops/v1/ops.proto', service: 'ledgerbridge.ops.v1.Operations' },
  shopify: { proto: 'ledgerbridge/channels/v1/shopify.proto', service: 'ledgerbridge.channels.v1.ShopifyChannel', longs: Number },
} satisfies Record<string, GrpcService>;

export interface GrpcAnswer {
  error?: grpc.ServiceError;
  response?: any;
  /** Response headers (initial metadata). */
  headers?: grpc.Metadata;
}

/** One service on 127.0.0.1, loaded from its .proto as any client would. */
export class GrpcClient {
  private readonly client: any;

  constructor(port: number, spec: GrpcService) {
    const definition = protoLoader.loadSync(spec.proto, { includeDirs: [PROTO_ROOT], keepCase: true, defaults: true, ...(spec.longs ? { longs: spec.longs } : {}) });
    const Client = spec.service.split('.').reduce((node: any, part) => node[part], grpc.loadPackageDefinition(definition)) as typeof grpc.Client;
    this.client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /**
   * `key` goes in authorization: Bearer. Never throws: the error or the response. `options.deadline`
   * is the call's; `options.cancel` cancels it when it aborts.
   */
  call(method: string, request: object, key?: string, metadata: Record<string, string> = {}, options: { deadline?: Date; cancel?: AbortSignal } = {}): Promise<GrpcAnswer> {
    const md = new grpc.Metadata();
    if (key) md.set('authorization', `Bearer ${key}`);
    for (const [name, value] of Object.entries(metadata)) md.set(name, value);
    return new Promise((done) => {
      const answer: GrpcAnswer = {};
      const callOptions = options.deadline ? { deadline: options.deadline } : {};
      const unary = this.client[method](request, md, callOptions, (error: grpc.ServiceError | null, response: unknown) => {
        if (error) answer.error = error;
        else answer.response = response;
        done(answer);
      });
      unary.on('metadata', (headers: grpc.Metadata) => (answer.headers = headers));
      options.cancel?.addEventListener('abort', () => unary.cancel(), { once: true });
    });
  }

  close(): void {
    this.client.close();
  }
}

/** One call on a client opened for it and closed after. */
export async function callOnce(port: number, spec: GrpcService, method: string, request: object, key?: string, metadata: Record<string, string> = {}): Promise<GrpcAnswer> {
  const client = new GrpcClient(port, spec);
  try {
    return await client.call(method, request, key, metadata);
  } finally {
    client.close();
  }
}

/** The JSON error body a gRPC error carries in its trailing metadata. */
export function grpcErrorBody(error: grpc.ServiceError): any {
  const raw = error.metadata.get('ledgerbridge-error-bin')[0];
  return raw ? JSON.parse(raw.toString()) : undefined;
}
