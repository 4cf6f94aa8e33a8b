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
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** An aggregate kind: its decider and the stream category its instances live in. */
export interface AggregateType<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  /** Stream category, e.g. `order`; an instance's stream is `order-<id>`. */
  category: string;
  decider: Decider<Command, Event, State>;
}

export function streamIdOf(aggregate: AggregateType<never, DomainEvent, unknown>, id: string): string {
  return `${aggregate.category}-${id}`;
}
