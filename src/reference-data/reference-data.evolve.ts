import type { Mapping, ReferenceDataEvent } from './reference-data.events';

/** A mapping with the version (import) that recorded it. */
export type VersionedMapping = Mapping & { version: number };

export interface ReferenceDataState {
  /** The last import's version; 0 before the first. */
  version: number;
  mappings: VersionedMapping[];
}

export function initialReferenceDataState(): ReferenceDataState {
  return { version: 0, mappings: [] };
}

export function evolveReferenceData(state: ReferenceDataState, event: ReferenceDataEvent): ReferenceDataState {
  switch (event.type) {
    case 'ReferenceDataImported': {
      const { version, mappings } = event.data;
      return { version, mappings: [...state.mappings, ...mappings.map((m) => ({ ...m, version }))] };
    }
  }
}

/**
 * The mapping of `kind` and `key` in force on `date`: the latest effective on or before it, and
 * of those the one of the latest import (a later import corrects an earlier one for the same day).
 */
export function mappingAsOf(mappings: readonly VersionedMapping[], kind: Mapping['kind'], key: string, date: string): VersionedMapping | undefined {
  let found: VersionedMapping | undefined;
  for (const mapping of mappings) {
    if (mapping.kind !== kind || mapping.key !== key || mapping.effectiveFrom > date) continue;
    if (!found || mapping.effectiveFrom > found.effectiveFrom || (mapping.effectiveFrom === found.effectiveFrom && mapping.version > found.version)) found = mapping;
  }
  return found;
}
