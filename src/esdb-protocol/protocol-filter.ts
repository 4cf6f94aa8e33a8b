import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { matchesFilter } from '../event-store/event-filter';
import type { EventFilter, RecordedEvent } from '../event-store/event-store.port';
import { invalidArgument } from './protocol-errors';

type FilterOptions = ReadReq.Options.FilterOptions;

/** A `$all` filter as EventStoreDB applies it: on one attribute, by regex or else by prefixes. */
export interface ProtocolFilter {
  matches(event: RecordedEvent): boolean;
  /** A prefix filter as the store port takes it, so a read can leave it to the store; a regex has none. */
  storeFilter?: EventFilter;
}

/** EventStoreDB's search window when the reader does not set one (its read batch size). */
const DEFAULT_SEARCH_WINDOW = 32;

export function protocolFilter(options: FilterOptions): ProtocolFilter {
  let expression: ReadReq.Options.FilterOptions.Expression;
  let on: EventFilter['on'];
  switch (options.getFilterCase()) {
    case ReadReq.Options.FilterOptions.FilterCase.EVENT_TYPE:
      expression = options.getEventType() as ReadReq.Options.FilterOptions.Expression;
      on = 'eventType';
      break;
    case ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER:
      expression = options.getStreamIdentifier() as ReadReq.Options.FilterOptions.Expression;
      on = 'streamName';
      break;
    default:
      throw invalidArgument('filter must be on stream_identifier or event_type');
  }
  const regex = expression.getRegex();
  if (regex !== '') {
    const pattern = compile(regex);
    return { matches: (event) => pattern.test(on === 'eventType' ? event.type : event.streamId) };
  }
  const storeFilter: EventFilter = { on, prefixes: expression.getPrefixList() };
  return { storeFilter, matches: (event) => matchesFilter(storeFilter, event) };
}

/**
 * EventStoreDB compiles filter regexes with .NET; this endpoint uses JavaScript's RegExp.
 * Common patterns (anchors, classes, alternation, groups) mean the same in both; .NET-only
 * syntax such as inline options `(?i)` is refused here rather than silently matched differently.
 */
function compile(regex: string): RegExp {
  try {
    return new RegExp(regex);
  } catch (error) {
    throw invalidArgument(
      `filter regex ${JSON.stringify(regex)} is not valid here: this endpoint evaluates JavaScript regular expressions, not .NET ones (${(error as Error).message})`,
    );
  }
}

/**
 * Events considered (matching or not) between two checkpoints: the checkpoint interval
 * multiplier times the search window, as EventStoreDB computes it.
 */
export function checkpointInterval(options: FilterOptions): number {
  const multiplier = options.getCheckpointintervalmultiplier();
  if (multiplier < 1) throw invalidArgument('filter.checkpointIntervalMultiplier must be at least 1');
  if (options.getWindowCase() !== ReadReq.Options.FilterOptions.WindowCase.MAX) return multiplier * DEFAULT_SEARCH_WINDOW;
  const window = options.getMax();
  if (window < 1) throw invalidArgument('filter.max (the search window) must be at least 1');
  return multiplier * window;
}
