import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import type { CommandContext } from '../edge/command-context';
import { InputInvalidError } from '../errors/input-invalid.error';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import { utcDayOf } from '../time/instant';
import { csvRows } from './csv-rows';
import { type ImportReferenceDataDto, MAX_IMPORT_ROWS, type MappingsQuery } from './dto/reference-data-requests.dto';
import { referenceDataAggregate } from './reference-data.aggregate';
import type { ImportRow } from './reference-data.commands';
import { PROBLEMS_REPORTED } from './reference-data.decide';
import { type MappingKind, REFERENCE_DATA_ID, type ReferenceDataImported } from './reference-data.events';
import { mappingAsOf, type VersionedMapping } from './reference-data.evolve';

/** What an import applied. */
export interface ImportReport {
  version: number;
  format: 'csv' | 'json';
  applied: number;
  byKind: Record<string, number>;
}

/** Reference data for the HTTP and gRPC edges: imports (all rows or none) and the mappings in force. */
@Injectable()
export class ReferenceDataCommands {
  private readonly referenceData: CommandsOf<typeof referenceDataAggregate>;
  /**
   * The mappings by kind and key, as of a revision of the reference data: every order placed asks
   * for its channel's, which must not scan a catalogue of SKU mappings each time.
   */
  private index: { revision: number; kinds: Set<MappingKind>; byKey: Map<string, VersionedMapping[]> } | undefined;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.referenceData = new AggregateCommands(dispatcher, referenceDataAggregate);
  }

  /**
   * Applies every row or none: a CSV that does not parse, or any row the decider finds wrong, is
   * a 422 REFERENCE_DATA_INVALID whose details list each problem by row and field.
   */
  async import(dto: ImportReferenceDataDto, context: CommandContext): Promise<ImportReport> {
    if ((dto.rows === undefined) === (dto.csv === undefined))
      throw new InputInvalidError([{ path: 'rows', reason: 'send either rows (JSON) or csv (a CSV file as text), not both' }]);
    const format = dto.csv !== undefined ? 'csv' : 'json';
    const rows = dto.csv !== undefined ? this.csvRows(dto.csv) : dto.rows!.map(jsonRow);
    const outcome = await this.referenceData.send(REFERENCE_DATA_ID, { kind: 'ImportReferenceData', format, rows, by: context.principal, at: new Date().toISOString() }, context);
    const imported = outcome.events[0].data as ReferenceDataImported['data'];
    const byKind: Record<string, number> = {};
    for (const mapping of imported.mappings) byKind[mapping.kind] = (byKind[mapping.kind] ?? 0) + 1;
    return { version: imported.version, format: imported.format, applied: imported.mappings.length, byKind };
  }

  /** Every mapping recorded (by version, then row), or with `asOf` those in force that day. */
  async mappings(query: MappingsQuery): Promise<{ version: number; mappings: VersionedMapping[] }> {
    const { state } = await this.referenceData.current(REFERENCE_DATA_ID);
    const chosen = state.mappings.filter((m) => (query.kind === undefined || m.kind === query.kind) && (query.key === undefined || m.key === query.key));
    if (query.asOf === undefined) return { version: state.version, mappings: chosen };
    const keys = [...new Map(chosen.map((m) => [`${m.kind}\u0000${m.key}`, m])).values()];
    const inForce = keys.flatMap((m) => mappingAsOf(chosen, m.kind, m.key, query.asOf!) ?? []);
    return { version: state.version, mappings: inForce };
  }

  /**
   * The location mapping in force for `key` on `day`: reference data governs locations once any
   * is mapped (before that, `governed` is false and a channel's own company code stands).
   */
  locationAsOf(key: string, day: string): Promise<{ governed: boolean; mapping?: VersionedMapping }> {
    return this.inForce('location', key, day);
  }

  /** The channel mapping in force for `channel` on `day`, likewise (governed once any channel is mapped). */
  channelAsOf(channel: string, day: string): Promise<{ governed: boolean; mapping?: VersionedMapping }> {
    return this.inForce('channel', channel, day);
  }

  /**
   * Once reference data maps channels, an order books to its channel's company as mapped on the
   * order's UTC day: an order naming another company, or from a channel not mapped that day, is
   * refused (422; a channel's payload goes to the business-error queue) before anything is
   * recorded, never booked to a company the mapping does not name.
   */
  async requireChannelCompany(channel: string, companyCode: string, placedAt: string): Promise<void> {
    const day = utcDayOf(placedAt);
    const { governed, mapping } = await this.channelAsOf(channel, day);
    if (!governed) return;
    if (mapping?.companyCode === undefined) {
      throw new BusinessRuleRefusal('CHANNEL_NOT_MAPPED', `channel ${channel} has no company code on ${day} in the reference data`, { channel, day });
    }
    if (mapping.companyCode !== companyCode) {
      throw new BusinessRuleRefusal(
        'COMPANY_CODE_MISMATCH',
        `the order names company ${companyCode}, but channel ${channel} books to ${mapping.companyCode} on ${day} (reference data version ${mapping.version})`,
        { channel, day, companyCode, mappedCompanyCode: mapping.companyCode, version: mapping.version },
      );
    }
  }

  private async inForce(kind: MappingKind, key: string, day: string): Promise<{ governed: boolean; mapping?: VersionedMapping }> {
    const { state, revision } = await this.referenceData.current(REFERENCE_DATA_ID);
    if (this.index?.revision !== revision) {
      const byKey = new Map<string, VersionedMapping[]>();
      for (const mapping of state.mappings) {
        const id = `${mapping.kind}\u0000${mapping.key}`;
        const versions = byKey.get(id);
        if (versions) versions.push(mapping);
        else byKey.set(id, [mapping]);
      }
      this.index = { revision, kinds: new Set(state.mappings.map((m) => m.kind)), byKey };
    }
    if (!this.index.kinds.has(kind)) return { governed: false };
    const mapping = mappingAsOf(this.index.byKey.get(`${kind}\u0000${key}`) ?? [], kind, key, day);
    return mapping ? { governed: true, mapping } : { governed: true };
  }

  private csvRows(csv: string): ImportRow[] {
    const { rows, problems } = csvRows(csv);
    if (rows.length > MAX_IMPORT_ROWS) throw new InputInvalidError([{ path: 'csv', reason: `csv must hold at most ${MAX_IMPORT_ROWS} rows` }]);
    if (problems.length > 0) {
      throw new BusinessRuleRefusal('REFERENCE_DATA_INVALID', `the CSV does not read as rows: nothing was applied (first: row ${problems[0].row} ${problems[0].reason})`, {
        rows: rows.length,
        problemCount: problems.length,
        problems: problems.slice(0, PROBLEMS_REPORTED),
      });
    }
    return rows;
  }
}

/** A JSON row as the decider takes it: the fields sent, as text. */
function jsonRow(row: object): ImportRow {
  return Object.fromEntries<string>(Object.entries(row).filter(([, value]) => typeof value === 'string'));
}
