import type { ImportRow } from './reference-data.commands';
import type { RowProblem } from './reference-data.decide';

/**
 * RFC 4180 CSV (comma separated, double quotes around a field holding commas, quotes or line
 * breaks, a quote doubled inside one, CRLF or LF) read as rows named by its header line. Written
 * here rather than taken from a library: the import needs this much and no more, and a field
 * count that differs from the header's is reported per row like any other bad value.
 */
export function csvRows(text: string): { rows: ImportRow[]; problems: RowProblem[] } {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  if ('problem' in records) return { rows: [], problems: [records.problem] };
  const [header, ...data] = records.records;
  if (!header || header.every((name) => name === '')) return { rows: [], problems: [{ row: 0, field: 'header', reason: 'the file has no header line' }] };
  const names = header.map((name) => name.trim());
  const problems: RowProblem[] = [];
  const rows = data.map((fields, index): ImportRow => {
    if (fields.length !== names.length) problems.push({ row: index + 1, field: 'row', reason: `has ${fields.length} fields, the header ${names.length}` });
    return Object.fromEntries(names.map((name, i) => [name, (fields[i] ?? '').trim()]));
  });
  return { rows, problems };
}

/** The file's records: fields split, quotes undone, blank lines left out. */
function csvRecords(text: string): { records: string[][] } | { problem: RowProblem } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
    } else field += char;
  }
  if (quoted) return { problem: { row: Math.max(records.length, 1), field: 'csv', reason: `a quoted field opened on line ${quoteLine} is never closed` } };
  endRecord();
  return { records };
}
