import type { AggregateType, Decider } from '../runtime/decider';
import type { ReferenceDataCommand } from './reference-data.commands';
import { decideReferenceData } from './reference-data.decide';
import type { ReferenceDataEvent } from './reference-data.events';
import { evolveReferenceData, initialReferenceDataState, type ReferenceDataState } from './reference-data.evolve';

export const referenceDataDecider: Decider<ReferenceDataCommand, ReferenceDataEvent, ReferenceDataState> = {
  initialState: initialReferenceDataState,
  decide: decideReferenceData,
  evolve: evolveReferenceData,
};

/** Stream `reference-data-mappings`: every import in order, so a version is a revision. */
export const referenceDataAggregate: AggregateType<ReferenceDataCommand, ReferenceDataEvent, ReferenceDataState> = {
  category: 'reference-data',
  decider: referenceDataDecider,
};
