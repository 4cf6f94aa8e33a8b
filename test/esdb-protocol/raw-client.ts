import { credentials, type ServiceError } from '@grpc/grpc-js';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * The generated Streams client without the convenience layer: for requests the stock client
 * never sends (malformed ones, structured UUIDs) and for the exact bytes on the wire.
 */
export class RawStreamsClient {
  private readonly client: StreamsClient;

  constructor(address: string) {
    this.client = new StreamsClient(address, credentials.createInsecure());
  }

  append(requests: AppendReq[]): Promise<AppendResp> {
    return new Promise((resolve, reject) => {
      const call = this.client.append((error, response) => (error ? reject(error) : resolve(response)));
      for (const request of requests) call.write(request);
      call.end();
    });
  }

  /** Every response of a Read call until it ends; rejects with the call's status error. */
  read(request: ReadReq): Promise<ReadResp[]> {
    return new Promise((resolve, reject) => {
      const responses: ReadResp[] = [];
      this.client
        .read(request)
        .on('data', (response: ReadResp) => responses.push(response))
        .on('error', (error: ServiceError) => reject(error))
        .on('end', () => resolve(responses));
    });
  }

  /** A Read call left open and unread, to observe server-side flow control. */
  openRead(request: ReadReq) {
    return this.client.read(request);
  }

  close(): void {
    this.client.close();
  }
}
