import { stepRecords, type SagaStep } from '../../sagas/runtime/saga-instance.state';

/**
 * A saga stream as the records its steps stand for: each `SagaStepTaken` as its parts
 * (`InputHandled`, the saga's events, `CommandIssued`, timers, status), each part an event of the
 * stream with the step's position and metadata; other events as they are.
 */
export function sagaRecords<Event extends { type: string; data: unknown }>(events: readonly Event[]): Event[] {
  return events.flatMap((event) =>
    event.type === 'SagaStepTaken' ? stepRecords(event.data as SagaStep).map((record) => ({ ...event, type: record.type, data: record.data })) : [event],
  );
}
