import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { Direction, GlobalPosition, StreamRevision } from '../event-store/event-store.port';
import { positionFromCommit, unsignedFromText } from './positions';
import { checkpointInterval, protocolFilter, type ProtocolFilter } from './protocol-filter';
import { invalidArgument } from './protocol-errors';
import type { UuidFormat } from './uuids';

export type StreamStart = { at: 'start' } | { at: 'end' } | { at: 'revision'; revision: StreamRevision };
export type AllStart = { at: 'start' } | { at: 'end' } | { at: 'position'; position: GlobalPosition };

/** What a Read call asks for, validated. */
export type ReadPlan =
  | { kind: 'readStream'; stream: string; direction: Direction; from: StreamStart; count: number; uuid: UuidFormat }
  | { kind: 'readAll'; direction: Direction; from: AllStart; count: number; filter?: ProtocolFilter; uuid: UuidFormat }
  | { kind: 'subscribeToStream'; stream: string; from: StreamStart; uuid: UuidFormat }
  | { kind: 'subscribeToAll'; from: AllStart; filter?: ProtocolFilter & { checkpointInterval: number }; uuid: UuidFormat };

const Options = ReadReq.Options;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readPlan(request: ReadReq): ReadPlan {
  const options = request.getOptions();
  if (!options) throw invalidArgument('options are required');
  const uuid: UuidFormat = options.getUuidOption()?.hasString() ? 'string' : 'structured';
  const direction = readDirection(options.getReadDirection());
  const subscription = countOrSubscription(options) === 'subscription';
  if (subscription && direction === 'backwards') throw invalidArgument('subscriptions read forwards only');
  const filterOptions = filterOf(options);

  switch (options.getStreamOptionCase()) {
    case Options.StreamOptionCase.STREAM: {
      const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
      const stream = streamName(streamOptions);
      const from = streamStart(streamOptions);
      if (filterOptions) throw invalidArgument('filters apply to $all only');
      return subscription ? { kind: 'subscribeToStream', stream, from, uuid } : { kind: 'readStream', stream, direction, from, count: count(options), uuid };
    }
    case Options.StreamOptionCase.ALL: {
      const from = allStart(options.getAll() as ReadReq.Options.AllOptions);
      if (!subscription) {
        return { kind: 'readAll', direction, from, count: count(options), filter: filterOptions && protocolFilter(filterOptions), uuid };
      }
      const filter = filterOptions && { ...protocolFilter(filterOptions), checkpointInterval: checkpointInterval(filterOptions) };
      return { kind: 'subscribeToAll', from, filter, uuid };
    }
    default:
      throw invalidArgument('options must name a stream or $all');
  }
}

function readDirection(value: ReadReq.Options.ReadDirection): Direction {
  if (value === Options.ReadDirection.FORWARDS) return 'forwards';
  if (value === Options.ReadDirection.BACKWARDS) return 'backwards';
  throw invalidArgument(`read_direction ${String(value)} is not forwards (0) or backwards (1)`);
}

function countOrSubscription(options: ReadReq.Options): 'count' | 'subscription' {
  switch (options.getCountOptionCase()) {
    case Options.CountOptionCase.COUNT:
      return 'count';
    case Options.CountOptionCase.SUBSCRIPTION:
      return 'subscription';
    default:
      throw invalidArgument('options must set count or subscription');
  }
}

function count(options: ReadReq.Options): number {
  return unsignedFromText(options.getCount(), 'count');
}

function filterOf(options: ReadReq.Options): ReadReq.Options.FilterOptions | undefined {
  return options.getFilterOptionCase() === Options.FilterOptionCase.FILTER ? options.getFilter() : undefined;
}

function streamName(options: ReadReq.Options.StreamOptions): string {
  const bytes = options.getStreamIdentifier()?.getStreamName_asU8();
  let name: string;
  try {
    name = bytes ? utf8.decode(bytes) : '';
  } catch {
    throw invalidArgument('stream name must be UTF-8');
  }
  if (name === '') throw invalidArgument('stream name is required');
  return name;
}

function streamStart(options: ReadReq.Options.StreamOptions): StreamStart {
  switch (options.getRevisionOptionCase()) {
    case Options.StreamOptions.RevisionOptionCase.START:
      return { at: 'start' };
    case Options.StreamOptions.RevisionOptionCase.END:
      return { at: 'end' };
    case Options.StreamOptions.RevisionOptionCase.REVISION:
      return { at: 'revision', revision: unsignedFromText(options.getRevision(), 'stream.revision') };
    default:
      throw invalidArgument('stream options must set start, end or revision');
  }
}

function allStart(options: ReadReq.Options.AllOptions): AllStart {
  switch (options.getAllOptionCase()) {
    case Options.AllOptions.AllOptionCase.START:
      return { at: 'start' };
    case Options.AllOptions.AllOptionCase.END:
      return { at: 'end' };
    case Options.AllOptions.AllOptionCase.POSITION: {
      const position = options.getPosition() as ReadReq.Options.Position;
      return { at: 'position', position: positionFromCommit(position.getCommitPosition(), 'all.position.commit_position') };
    }
    default:
      throw invalidArgument('$all options must set start, end or position');
  }
}
