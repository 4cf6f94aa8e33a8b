import { EMPTY, from, mergeMap, type OperatorFunction } from 'rxjs';

/**
 * For `@Saga()` pipes: one event's failure is reported and skipped instead of erroring the
 * saga's observable, which @nestjs/cqrs would otherwise complete for good.
 */
export function reactSafely<Event, Reaction>(
  react: (event: Event) => Reaction | Reaction[] | undefined,
  report: (error: unknown, event: Event) => void,
): OperatorFunction<Event, Reaction> {
  return mergeMap((event: Event) => {
    try {
      const reaction = react(event);
      if (reaction === undefined) return EMPTY;
      return from(Array.isArray(reaction) ? reaction : [reaction]);
    } catch (error) {
      report(error, event);
      return EMPTY;
    }
  });
}
