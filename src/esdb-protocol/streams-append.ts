import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, ExpectedRevision, NewEvent, StreamRevision } from '../event-store/event-store.port';
import { isMetastream, writeStreamMetadata } from './metastream';
import { positionText, unsignedFromText } from './positions';
import { proposedEvent, proposedSize } from './proposed-event';
import { accessDenied, invalidArgument, maximumAppendSizeExceeded, toProtocolError } from './protocol-errors';
import { acceptsExpectedRevision } from '../event-store/append-validation';

export interface AppendSettings {
  readOnly: boolean;
  /** Bytes one append may carry, counted as EventStoreDB counts them. */
  maxAppendSize: number;
}

interface AppendTarget {
  stream: string;
  expected: ExpectedRevision;
  options: AppendReq.Options;
}

const NO_STREAM = -1;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `Streams.Append`: the options message, then the proposed events. A stale expected revision
 * is a normal answer (`wrong_expected_version`, as EventStoreDB sends it), from which the
 * client raises WrongExpectedVersionError; refusals are statuses with EventStoreDB's trailers.
 */
export function appendHandler(store: EventStore, settings: AppendSettings) {
  return async (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): Promise<void> => {
    try {
      callback(null, await append(store, call, settings));
    } catch (error) {
      callback(toProtocolError(error));
    }
  };
}

async function append(store: EventStore, requests: AsyncIterable<AppendReq>, settings: AppendSettings): Promise<AppendResp> {
  let target: AppendTarget | undefined;
  const events: NewEvent[] = [];
  let size = 0;
  for await (const request of requests) {
    if (!target) {
      target = appendTarget(request);
      if (settings.readOnly) throw accessDenied('this EventStoreDB protocol endpoint is read-only');
      continue;
    }
    const message = request.getProposedMessage();
    if (!message) throw invalidArgument('after the options, every append message must be a proposed_message');
    size += proposedSize(message);
    // Refused as soon as the running total passes the limit: nothing larger is parsed or kept.
    if (size > settings.maxAppendSize) throw maximumAppendSizeExceeded(settings.maxAppendSize);
    events.push(proposedEvent(message, events.length));
  }
  if (!target) throw invalidArgument('an append starts with its options');
  if (isMetastream(target.stream)) return writeStreamMetadata(store, target.stream, events);
  if (events.length === 0) return emptyAppend(store, target);
  try {
    const result = await store.appendToStream(target.stream, events, { expectedRevision: target.expected });
    const position = positionText(result.position);
    return new AppendResp().setSuccess(
      new AppendResp.Success()
        .setCurrentRevision(String(result.nextExpectedRevision))
        .setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position)),
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    return wrongExpectedVersion(target.options, error.actual === 'no_stream' ? NO_STREAM : error.actual);
  }
}

function appendTarget(request: AppendReq): AppendTarget {
  const options = request.getOptions();
  if (!options) throw invalidArgument('an append starts with its options');
  let stream: string;
  try {
    stream = utf8.decode(options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
  } catch {
    throw invalidArgument('stream name must be UTF-8');
  }
  if (stream === '') throw invalidArgument('stream name is required');
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  let expected: ExpectedRevision;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      expected = 'any';
      break;
    case Case.NO_STREAM:
      expected = 'no_stream';
      break;
    case Case.STREAM_EXISTS:
      expected = 'stream_exists';
      break;
    case Case.REVISION:
      expected = unsignedFromText(options.getRevision(), 'options.revision');
      break;
    default:
      throw invalidArgument('options must set an expected revision: any, no_stream, stream_exists or revision');
  }
  return { stream, expected, options };
}

/**
 * EventStoreDB accepts an append without events: it checks the expected revision and answers
 * with the stream's current revision and no position. The store refuses empty appends, so the
 * check is made here against the stream's head.
 */
async function emptyAppend(store: EventStore, target: AppendTarget): Promise<AppendResp> {
  let current: StreamRevision = NO_STREAM;
  try {
    current = (await store.readStream(target.stream, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? NO_STREAM;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  const { expected } = target;
  if (!acceptsExpectedRevision(expected, current)) return wrongExpectedVersion(target.options, current);
  const success = new AppendResp.Success().setNoPosition(new Empty());
  if (current === NO_STREAM) success.setNoStream(new Empty());
  else success.setCurrentRevision(String(current));
  return new AppendResp().setSuccess(success);
}

/**
 * Filled in both the current fields and the 20.6.0 ones, as EventStoreDB does, so older
 * clients read it too. The old expected-revision field stands for no_stream with 2^64-1,
 * which a JavaScript number cannot carry, so it is left out for that one case.
 */
function wrongExpectedVersion(options: AppendReq.Options, current: StreamRevision): AppendResp {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  const wrong = new AppendResp.WrongExpectedVersion();
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
      break;
    case Case.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case Case.NO_STREAM:
      wrong.setExpectedNoStream(new Empty());
      break;
    default:
      wrong.setExpectedRevision(options.getRevision()).setExpectedRevision2060(Number(options.getRevision()));
  }
  if (current === NO_STREAM) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else wrong.setCurrentRevision(String(current)).setCurrentRevision2060(current);
  return new AppendResp().setWrongExpectedVersion(wrong);
}
