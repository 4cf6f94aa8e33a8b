import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventStore } from '../event-store/event-store.port';
import type { OpenCalls, StopReason } from './open-calls';
import { toProtocolError, unavailable } from './protocol-errors';
import { readPlan, type ReadPlan } from './read-request';
import { ResponseWriter } from './response-writer';
import { readAll, readStream } from './stream-reads';
import { subscribeToAll, subscribeToStream } from './subscriptions';

/**
 * `Streams.Read`: stream and `$all` reads and catch-up subscriptions. Bad requests end with
 * INVALID_ARGUMENT before anything is read; a cancelled call writes nothing more and releases
 * what it holds; a server that closes ends its subscriptions with UNAVAILABLE, which the client
 * treats as a reason to reconnect.
 */
export function readHandler(store: EventStore, calls: OpenCalls) {
  return async (call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> => {
    let plan: ReadPlan;
    try {
      plan = readPlan(call.request);
    } catch (error) {
      call.emit('error', toProtocolError(error));
      return;
    }
    const tracked = calls.track(call, plan.kind === 'subscribeToAll' || plan.kind === 'subscribeToStream');
    const writer = new ResponseWriter(call, tracked.signal);
    try {
      await serve(store, plan, writer);
      if (!tracked.signal.aborted) call.end();
    } catch (error) {
      if (!tracked.signal.aborted) call.emit('error', toProtocolError(error));
    } finally {
      if ((tracked.signal.reason as StopReason | undefined) === 'server-closing') {
        call.emit('error', unavailable('the EventStoreDB protocol endpoint is shutting down'));
      }
      tracked.release();
    }
  };
}

function serve(store: EventStore, plan: ReadPlan, writer: ResponseWriter): Promise<void> {
  switch (plan.kind) {
    case 'readStream':
      return readStream(store, plan, writer);
    case 'readAll':
      return readAll(store, plan, writer);
    case 'subscribeToStream':
      return subscribeToStream(store, plan, writer);
    case 'subscribeToAll':
      return subscribeToAll(store, plan, writer);
  }
}
