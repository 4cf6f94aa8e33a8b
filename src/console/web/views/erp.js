// ERP delivery (README "ERP delivery"). Without ERP_TARGETS its routes answer 404, shown as
// "not configured"; their answers are shown as they come (tables of their lists).
import { h, json, table } from '../dom.js';

export const ERP_NOT_CONFIGURED = 'ERP delivery: not configured. This service sends no batches to an ERP; download them from Posting batches.';

const DELIVERIES = '/erp/deliveries';

/** Deliveries per company and target (backlog, oldest undelivered, last acknowledged), or undefined when there is no delivery. */
export async function erpDeliveries(api, query) {
  try {
    return await api.get(DELIVERIES, query);
  } catch (error) {
    if (error.notFound) return undefined;
    throw error;
  }
}

/** An answer of unknown shape: each list of records as a table, the rest as JSON. */
export function generic(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return json(value, 'answer');
  const lists = Object.entries(value).filter(([, item]) => Array.isArray(item) && item.every((row) => row && typeof row === 'object' && !Array.isArray(row)));
  const rest = Object.fromEntries(Object.entries(value).filter(([name]) => !lists.some(([listed]) => listed === name)));
  return h(
    'div',
    {},
    lists.map(([name, rows]) => {
      const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      const cell = (row, key) => (row[key] !== null && typeof row[key] === 'object' ? JSON.stringify(row[key]) : row[key] ?? '—');
      return table(keys.map((key) => ({ label: key, cell: (row) => String(cell(row, key)) })), rows, { caption: name, empty: `No ${name}.` });
    }),
    Object.keys(rest).length ? json(rest, 'details') : null,
  );
}
