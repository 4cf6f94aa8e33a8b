import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { Mapping, MappingKind, ReferenceDataImported } from '../../src/reference-data/reference-data.events';
import type { VersionedMapping } from '../../src/reference-data/reference-data.evolve';
import type { ReferenceLookup } from '../../src/reference-data/revenue-role-resolution';
import type { ProjectionWriter } from '../runner/projection';
import { REFERENCE_KINDS, REFERENCE_MAPPINGS } from './journal.tables';

/**
 * The journal keeps the reference data imports in its own rows, in log order, so a fact posts by
 * the mappings recorded before it in the log: live and a rebuild from position 0 resolve alike,
 * whatever was imported later (even effective from an earlier day).
 */
export function recordReferenceData(writer: ProjectionWriter, event: RecordedEvent): void {
  if (event.type !== 'ReferenceDataImported') return;
  const { version, mappings } = event.data as ReferenceDataImported['data'];
  for (const mapping of mappings) {
    if (!writer.find(REFERENCE_KINDS.name, { kind: mapping.kind })) writer.insert(REFERENCE_KINDS.name, { kind: mapping.kind });
    const n = rowsOf(writer, mapping.kind, mapping.key).length + 1;
    writer.insert(REFERENCE_MAPPINGS.name, { kind: mapping.kind, key: mapping.key, n, effective_from: mapping.effectiveFrom, version, mapping: canonicalJson(mapping) });
  }
}

/**
 * Reference data as the rows hold it now, before the event being applied. Read once per batch
 * while no import comes: every posting fact asks whether SKUs and stores are governed.
 */
export function referenceLookupFromRows(writer: ProjectionWriter): ReferenceLookup {
  return {
    governs: (kind) => writer.remember(`reference-kind:${kind}`, [REFERENCE_KINDS.name], () => writer.find(REFERENCE_KINDS.name, { kind }) !== undefined),
    mappingsOf: (kind, key) => writer.remember(`reference-mappings:${kind}:${key}`, [REFERENCE_MAPPINGS.name], () => rowsOf(writer, kind, key)),
  };
}

/** The mappings of a kind and key, rows 1.. until the first missing. */
function rowsOf(writer: ProjectionWriter, kind: MappingKind, key: string): VersionedMapping[] {
  const found: VersionedMapping[] = [];
  for (let n = 1; ; n += 1) {
    const row = writer.find(REFERENCE_MAPPINGS.name, { kind, key, n });
    if (!row) return found;
    found.push({ ...(JSON.parse(String(row.mapping)) as Mapping), version: Number(row.version) });
  }
}
