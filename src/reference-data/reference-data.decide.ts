import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import { isCalendarDate } from '../time/calendar-date';
import type { ImportReferenceData, ImportRow, ReferenceDataCommand } from './reference-data.commands';
import { CLEARING_ROLES, type Mapping, MAPPING_KINDS, type MappingKind, REVENUE_ROLES, type ReferenceDataEvent } from './reference-data.events';
import type { ReferenceDataState } from './reference-data.evolve';

/** One bad value of an import: its row (1 for the first data row), the field, and why. */
export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** At most this many problems are reported (the count is whole). */
export const PROBLEMS_REPORTED = 200;

const KEY = /^[A-Za-z0-9._:\-/]{1,128}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;
const CENTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

type Rule = { required: boolean; check: (value: string) => string | undefined };
const matches = (pattern: RegExp, what: string) => (value: string) => (pattern.test(value) ? undefined : `must be ${what}`);
const oneOf = (values: readonly string[]) => (value: string) => (values.includes(value) ? undefined : `must be one of ${values.join(', ')}`);

/** The attributes each kind of mapping takes. */
const ATTRIBUTES: Record<MappingKind, Record<string, Rule>> = {
  location: {
    companyCode: { required: true, check: matches(CODE, 'a company code of 1-16 letters and digits') },
    costCenter: { required: false, check: matches(CENTER, 'a cost center of 1-32 letters and digits') },
    profitCenter: { required: false, check: matches(CENTER, 'a profit center of 1-32 letters and digits') },
  },
  channel: { companyCode: { required: true, check: matches(CODE, 'a company code of 1-16 letters and digits') } },
  sku: { productGroup: { required: true, check: matches(KEY, 'a product group id: 1-128 letters, digits or . _ : - /') } },
  'product-group': { revenueRole: { required: true, check: oneOf(REVENUE_ROLES) } },
  tender: { clearingRole: { required: true, check: oneOf(CLEARING_ROLES) } },
};

export function decideReferenceData(command: ReferenceDataCommand, state: ReferenceDataState): ReferenceDataEvent[] {
  return importRows(command, state);
}

/**
 * Every row is checked and every problem reported; one bad row and nothing is applied. Rows
 * that name the same kind, key and day twice are refused too: which one was meant is not known.
 */
function importRows(command: ImportReferenceData, state: ReferenceDataState): ReferenceDataEvent[] {
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const mappings: Mapping[] = [];
  if (command.rows.length === 0) problems.push({ row: 0, field: 'rows', reason: 'the import holds no rows' });
  command.rows.forEach((row, index) => {
    const mapping = mappingOf(row, index + 1, problems);
    if (!mapping) return;
    const identity = `${mapping.kind}\u0000${mapping.key}\u0000${mapping.effectiveFrom}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) problems.push({ row: index + 1, field: 'key', reason: `row ${earlier} already maps ${mapping.kind} ${mapping.key} from ${mapping.effectiveFrom}` });
    else seen.set(identity, index + 1);
    mappings.push(mapping);
  });
  if (problems.length > 0) {
    throw new BusinessRuleRefusal(
      'REFERENCE_DATA_INVALID',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${command.rows.length} row${command.rows.length === 1 ? '' : 's'}: nothing was applied (first: row ${problems[0].row} ${problems[0].field} ${problems[0].reason})`,
      { rows: command.rows.length, problemCount: problems.length, problems: problems.slice(0, PROBLEMS_REPORTED) },
    );
  }
  return [{ type: 'ReferenceDataImported', data: { version: state.version + 1, format: command.format, mappings, importedBy: command.by, importedAt: command.at } }];
}

/** The row as a mapping, or its problems added to `problems`. */
function mappingOf(row: ImportRow, rowNo: number, problems: RowProblem[]): Mapping | undefined {
  const before = problems.length;
  const problem = (field: string, reason: string) => problems.push({ row: rowNo, field, reason });
  const kind = row.kind as MappingKind;
  if (!MAPPING_KINDS.includes(kind)) {
    problem('kind', `must be one of ${MAPPING_KINDS.join(', ')}`);
    return undefined;
  }
  if (!KEY.test(row.key ?? '')) problem('key', 'must be 1-128 letters, digits or . _ : - /');
  if (!isCalendarDate(row.effectiveFrom)) problem('effectiveFrom', 'must be a calendar date YYYY-MM-DD');
  const rules = ATTRIBUTES[kind];
  const attributes: Record<string, string> = {};
  for (const [field, value] of Object.entries(row)) {
    if (field === 'kind' || field === 'key' || field === 'effectiveFrom' || value === '') continue;
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (!rule) {
      problem(field, `is not a field of a ${kind} mapping`);
      continue;
    }
    const reason = rule.check(value);
    if (reason) problem(field, reason);
    else attributes[field] = value;
  }
  for (const [field, rule] of Object.entries(rules)) if (rule.required && (row[field] ?? '') === '') problem(field, `is required for a ${kind} mapping`);
  if (problems.length > before) return undefined;
  return { kind, key: row.key, effectiveFrom: row.effectiveFrom, ...attributes };
}
