// Posting batches: each company's hash chain, its verification, a batch's entries, and the
// ERP export files.
import { path } from '../api.js';
import { actionButton, badge, errorBox, h, loading, money, note, panel, short, show, table, time } from '../dom.js';

const FORMATS = [
  { format: 'sap', label: 'SAP' },
  { format: 'netsuite', label: 'NetSuite' },
  { format: 'd365', label: 'D365' },
];

/** `batchId` (from #/batches/<id>, where an order's timeline links) opens that batch at once. */
export function renderBatches(view, context, batchId) {
  const company = h('input', { id: 'batch-company', name: 'companyCode', placeholder: 'all', size: 8, 'aria-label': 'Company code' });
  const day = h('input', { id: 'batch-date', name: 'postingDate', type: 'date', 'aria-label': 'Posting date' });
  const list = h('div', {}, loading());
  const chains = h('div', {});
  const detail = h('div', {});
  const load = () => loadBatches(list, chains, detail, context, { companyCode: company.value.trim(), postingDate: day.value });
  const form = h('form', { class: 'filters' }, h('label', {}, 'Company ', company), h('label', {}, 'Posting date ', day), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  show(view, h('div', { class: 'page-head' }, h('h1', {}, 'Posting batches'), form), detail, panel('Batches', {}, list), panel('Chain verification', {}, chains));
  load().then(() => batchId && loadDetail(detail, batchId, context));
}

const totalsOf = (batch) => h('ul', { class: 'plain' }, batch.totals.map((total) => h('li', {}, `${money(total.debitMinor, total.currency)} (${total.lineCount} lines)`)));

async function loadBatches(target, chains, detail, context, filter) {
  const { api } = context;
  show(detail);
  try {
    const { batches } = await api.get('/posting-batches', filter);
    show(
      target,
      table(
        [
          { label: 'Batch', cell: (batch) => h('button', { type: 'button', class: 'link', onclick: () => loadDetail(detail, batch.batchId, context) }, batch.batchId) },
          { label: 'Company', cell: (batch) => batch.companyCode },
          { label: 'Posting date', cell: (batch) => batch.postingDate },
          { label: 'Chain #', cell: (batch) => batch.chainIndex, class: 'number' },
          { label: 'Entries', cell: (batch) => batch.entryCount, class: 'number' },
          { label: 'Debits = credits', cell: totalsOf },
          { label: 'Closed', cell: (batch) => time(batch.closedAt) },
          { label: 'Hash', cell: (batch) => short(batch.hash) },
          { label: 'Export', cell: (batch) => h('div', { class: 'row-actions' }, FORMATS.map(({ format, label }) => exportButton(batch, format, label, target, api))) },
        ],
        batches,
        { empty: 'No closed batches for this filter.', rowAttributes: (batch) => ({ 'data-batch': batch.batchId }) },
      ),
    );
    const companies = filter.companyCode ? [filter.companyCode] : [...new Set(batches.map((batch) => batch.companyCode))];
    showChains(chains, companies, context);
  } catch (error) {
    show(target, errorBox(error));
    show(chains);
  }
}

function exportButton(batch, format, label, target, api) {
  return actionButton(
    label,
    async () => {
      try {
        await api.download(path`/posting-batches/${batch.batchId}/exports/${format}`);
      } catch (error) {
        target.prepend(errorBox(error, `${label} export of ${batch.batchId}`));
      }
    },
    { busyLabel: `${label}…`, name: `export-${format}` },
  );
}

/** One verify button per company: its whole chain as history has it, optionally every entry rebuilt too. */
function showChains(target, companies, { api }) {
  if (companies.length === 0) return show(target, note('No company has a closed batch yet.'));
  const withEntries = h('input', { type: 'checkbox', id: 'chain-with-entries' });
  const results = h('div', { 'aria-live': 'polite' });
  show(
    target,
    h(
      'div',
      { class: 'row-actions' },
      companies.map((companyCode) =>
        actionButton(`Verify ${companyCode}`, async () => {
          try {
            const verification = await api.get(path`/audit/batch-chains/${companyCode}/verification`, withEntries.checked ? { withEntries: 'true' } : {});
            show(results, chainResult(verification));
          } catch (error) {
            show(results, errorBox(error, `Verify ${companyCode}`));
          }
        }, { busyLabel: `Verifying ${companyCode}…`, name: 'verify-chain' }),
      ),
      h('label', {}, withEntries, ' also rebuild every entry from history'),
    ),
    results,
  );
}

function chainResult(verification) {
  const head = verification.head ? [' head ', h('code', {}, verification.head.batchId), ' ', short(verification.head.hash)] : [];
  if (verification.intact) {
    return h('div', { class: 'note good chain-result', role: 'status' }, `Chain ${verification.companyCode}: intact, ${verification.batchCount} batch${verification.batchCount === 1 ? '' : 'es'},`, head);
  }
  const broken = verification.firstBroken;
  return h(
    'div',
    { class: 'note bad chain-result', role: 'alert' },
    h('p', {}, `Chain ${verification.companyCode}: BROKEN at ${broken?.batchId} (${broken?.kind}): ${broken?.message}`),
    h('ul', {}, verification.problems.map((problem) => h('li', {}, `${problem.batchId ?? ''} ${problem.kind}: ${problem.message}`))),
  );
}

async function loadDetail(target, batchId, { api }) {
  show(target, panel(`Batch ${batchId}`, {}, loading()));
  try {
    const batch = await api.get(path`/posting-batches/${batchId}`);
    const lines = batch.entries.flatMap((entry) => (entry.lines ?? []).map((line) => ({ entry, line })));
    show(
      target,
      panel(
        `Batch ${batchId}`,
        { id: 'batch-detail' },
        h('p', {}, `${batch.companyCode} · ${batch.postingDate} · sequence ${batch.sequence} · previous `, batch.previousBatchId ? h('code', {}, batch.previousBatchId) : 'none (first of the chain)', ' · ', badge(`${batch.entryCount} entries`)),
        table(
          [
            { label: 'Entry', cell: ({ entry }) => short(entry.entryId, 24) },
            { label: 'Source', cell: ({ entry }) => `${entry.sourceType} ${entry.sourceId}` },
            { label: 'Line', cell: ({ line }) => line.lineNo, class: 'number' },
            { label: 'Role', cell: ({ line }) => line.role },
            { label: 'Debit', cell: ({ line }) => (line.side === 'debit' ? money(line.amountMinor, line.currency) : ''), class: 'number' },
            { label: 'Credit', cell: ({ line }) => (line.side === 'credit' ? money(line.amountMinor, line.currency) : ''), class: 'number' },
          ],
          lines,
          { empty: 'This batch holds no lines.' },
        ),
      ),
    );
  } catch (error) {
    show(target, panel(`Batch ${batchId}`, {}, errorBox(error)));
  }
}
