import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { EventStore } from '../event-store/event-store.port';
import { OpenCalls } from './open-calls';
import { supportedMethodsHandler } from './server-features';
import { appendHandler } from './streams-append';
import { readHandler } from './streams-read';

export interface EsdbProtocolOptions {
  /** Refuse every append with PERMISSION_DENIED (auditor use). */
  readOnly?: boolean;
}

/** Bytes one append may carry: EventStoreDB's default MaxAppendSize. */
const MAX_APPEND_SIZE = 1024 * 1024;

/**
 * Largest message accepted from a client. Above the append limit on purpose: an oversized
 * append must reach the handler to be answered with EventStoreDB's MaxAppendSizeExceeded
 * rather than the transport's RESOURCE_EXHAUSTED. 17 MiB is the client's own receive cap,
 * sized for EventStoreDB's largest record.
 */
const MAX_RECEIVE_MESSAGE_BYTES = 17 * 1024 * 1024;

/** How long closing waits for in-flight appends before cutting connections. */
const GRACEFUL_CLOSE_MS = 5000;

/**
 * EventStoreDB's gRPC Streams protocol (Read and Append) over any EventStore port, so stock
 * EventStoreDB clients and tools can read, replay and subscribe to it. It serves the service
 * definitions generated in @eventstore/db-client, the very ones the client calls. Delete,
 * Tombstone and BatchAppend answer UNIMPLEMENTED: the log is append-only, and clients fall
 * back from batch append to Append when ServerFeatures does not list it. Of stream metadata
 * `$tb` and `$maxAge` are served, in `$$<stream>` (metastream.ts): the esdb adapter's
 * `truncateStream` and `setStreamMetadata`.
 */
export class EsdbProtocolServer {
  private readonly server = new Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_BYTES });
  private readonly calls = new OpenCalls();
  private closing: Promise<void> | undefined;

  constructor(store: EventStore, options: EsdbProtocolOptions = {}) {
    const settings = { readOnly: options.readOnly ?? false, maxAppendSize: MAX_APPEND_SIZE };
    const read = readHandler(store, this.calls);
    const append = appendHandler(store, settings);
    // grpc-js ignores what a handler returns: each handler answers its call itself.
    this.server.addService(StreamsService, {
      read: (call: Parameters<typeof read>[0]) => void read(call),
      append: (...args: Parameters<typeof append>) => void append(...args),
    });
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: supportedMethodsHandler(),
    });
  }

  /** Subscriptions being served right now; back to 0 once cancelled subscriptions are released. */
  get activeSubscriptions(): number {
    return this.calls.activeSubscriptions;
  }

  /** Starts listening (plaintext, as `?tls=false` clients expect); resolves with the bound port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
  }

  /** Ends subscriptions (UNAVAILABLE), lets in-flight appends finish, then closes every connection. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.calls.stopAll();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, GRACEFUL_CLOSE_MS);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
