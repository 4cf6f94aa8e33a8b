/** A business fact as the decider sees it, before the store gives it an id and a position. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  schemaVersion?: number;
}

/**
 * The pure core of an aggregate: no clock, no randomness, no I/O. Time and ids arrive on
 * the command. `decide` throws a BusinessRuleRefusal to refuse.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(this: void): State;
  decide(this: void, command: Command, state: State): Event[];
  evolve(this: void, state: State, event: Event): State;
}

/** An aggregate kind: its decider and the stream category its instances live in. */
export interface AggregateType<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  /** Stream category, e.g. `order`; an instance's stream is `order-<id>`. */
  category: string;
  decider: Decider<Command, Event, State>;
  /**
   * The state is a function of the stream's last event alone (evolve ignores the state it is
   * given), so an actor loads only that event, read backwards: a stream of large events kept for
   * years (a company's posting-batch chain) is never read and parsed whole to learn its state.
   * Only the last event's command is then known for dedupe, warm or cold alike (and answered with
   * that one event): a command sent again after a later one is decided again, so decide must
   * refuse what the state has moved past.
   */
  stateFromLastEvent?: boolean;
}

export function streamIdOf(aggregate: AggregateType<never, DomainEvent, unknown>, id: string): string {
  return `${aggregate.category}-${id}`;
}
