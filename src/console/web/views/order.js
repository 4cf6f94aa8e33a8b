// One order's timeline: the order, its events, the steps its sagas took, the journal lines it
// posted with their lineage, the batch each entry went into, and the ERP document where delivery
// exists. Each part loads on its own, so a key that may read some of them sees those.
import { path } from '../api.js';
import { badge, empty, errorBox, h, json, loading, money, panel, short, show, table, time } from '../dom.js';
import { ERP_NOT_CONFIGURED, erpDeliveries, generic } from './erp.js';

/** The sagas an order meets, each with one instance named by the order id; GET /ops/sagas says which run, when the key may ask. */
const ORDER_SAGAS = ['fulfillment', 'refund', 'channel-order'];

async function sagaNames(api) {
  try {
    return (await api.get('/ops/sagas')).sagas.map((summary) => summary.saga);
  } catch {
    return ORDER_SAGAS;
  }
}

export function renderOrder(view, context, orderId) {
  const input = h('input', { id: 'order-id', name: 'orderId', value: orderId || '', placeholder: 'o-1001', required: true, 'aria-label': 'Order id' });
  const form = h('form', { class: 'filters' }, h('label', {}, 'Order ', input), h('button', { type: 'submit' }, 'Show timeline'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/orders/${encodeURIComponent(input.value.trim())}`;
  });
  if (!orderId) {
    show(view, h('div', { class: 'page-head' }, h('h1', {}, 'Order timeline'), form), empty('Enter an order id (as in its stream order-<id>) to see its whole history.'));
    return;
  }
  const parts = {
    order: h('div', {}, loading()),
    events: h('div', {}, loading()),
    sagas: h('div', {}, loading()),
    lines: h('div', {}, loading()),
    erp: h('div', {}, loading()),
  };
  show(
    view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Order ', h('code', {}, orderId)), form),
    panel('Order', {}, parts.order),
    panel('Events', {}, parts.events),
    panel('Saga steps', {}, parts.sagas),
    panel('Journal lines, entries and batches', {}, parts.lines),
    panel('ERP document', {}, parts.erp),
  );
  loadOrder(parts.order, orderId, context);
  loadEvents(parts.events, orderId, context);
  loadSagaSteps(parts.sagas, orderId, context);
  loadLines(parts.lines, orderId, context).then((batchIds) => loadErp(parts.erp, batchIds, context));
}

async function loadOrder(target, orderId, { api }) {
  try {
    const order = await api.get(path`/orders/${orderId}`);
    const amount = (minor) => money(minor, order.currency);
    show(
      target,
      h(
        'dl',
        { class: 'facts' },
        fact('Status', badge(order.status, order.status === 'cancelled' ? 'bad' : 'neutral')),
        fact('Channel', order.channel),
        fact('Company', order.companyCode),
        fact('Placed', time(order.placedAt)),
        fact('Total', amount(order.totals?.totalMinor)),
        fact('Captured', amount(order.capturedMinor)),
        fact('Refunded', amount(order.refundedMinor)),
      ),
      table(
        [
          { label: 'Line', cell: (line) => line.lineId },
          { label: 'SKU', cell: (line) => line.sku },
          { label: 'Quantity', cell: (line) => line.quantity, class: 'number' },
          { label: 'Unit price', cell: (line) => amount(line.unitPriceMinor), class: 'number' },
          { label: 'Fulfilled', cell: (line) => line.fulfilled, class: 'number' },
          { label: 'Returned', cell: (line) => line.returned, class: 'number' },
        ],
        order.lines,
        { empty: 'The order has no lines.' },
      ),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

const fact = (label, value) => [h('dt', {}, label), h('dd', {}, value)];

async function loadEvents(target, orderId, { api }) {
  try {
    const { events } = await api.get(path`/orders/${orderId}/events`);
    show(
      target,
      table(
        [
          { label: '#', cell: (event) => event.revision, class: 'number' },
          { label: 'Event', cell: (event) => h('strong', {}, event.type) },
          { label: 'Recorded', cell: (event) => time(event.recordedAt) },
          { label: 'Position', cell: (event) => event.globalPosition, class: 'number' },
          { label: 'Channel', cell: (event) => event.metadata?.channel ?? '—' },
          { label: 'Correlation', cell: (event) => short(event.metadata?.correlationId, 16) },
          { label: 'Data', cell: (event) => json({ data: event.data, metadata: event.metadata }) },
        ],
        events,
        { empty: 'The order stream is empty.', rowAttributes: (event) => ({ 'data-event': event.type }) },
      ),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

/** What a saga step did, in a few words: the commands it issued, why it parked, the state it reached. */
function stepSummary(event) {
  const data = event.data ?? {};
  switch (event.type) {
    case 'SagaStepTaken':
      return [
        h('div', {}, data.timerFired ? `timer ${data.timerFired.timerId} due ${data.timerFired.dueAt}` : ['input ', short(data.inputId, 8)]),
        ...(data.events ?? []).map((own) => h('div', {}, own.type)),
        ...(data.commands ?? []).map((command) => h('div', {}, issued(command))),
        ...(data.cancelledTimers ?? []).map((timerId) => h('div', {}, `cancels ${timerId}`)),
        ...(data.scheduledTimers ?? []).map((timer) => h('div', {}, `schedules ${timer.timerId} due ${timer.dueAt}`)),
        data.status === undefined ? null : h('div', {}, `status ${data.status}`),
      ];
    case 'CommandIssued':
      return issued(data);
    case 'SagaParked':
      return `${data.reason} (after ${data.attempts} attempt${data.attempts === 1 ? '' : 's'})`;
    case 'InputQueued':
      return `${data.input?.type ?? data.input?.timerId ?? 'an input'} waits behind the parked one`;
    case 'SagaStatusChanged':
      return data.status;
    case 'TimerScheduled':
    case 'TimerFired':
      return `${data.timerId} due ${data.dueAt}`;
    case 'TimerCancelled':
      return data.timerId;
    case 'InputHandled':
      return ['input ', short(data.inputId, 8)];
    default:
      return '';
  }
}

const issued = (command) => `${command.kind} on ${command.streamId}${command.refused ? ` (refused: ${command.refused})` : ''}`;

async function loadSagaSteps(target, orderId, { api }) {
  try {
    const found = [];
    for (const saga of await sagaNames(api)) {
      try {
        const page = await api.get(path`/audit/streams/${`saga-${saga}-${orderId}`}/events`, { maxCount: 1000 });
        found.push({ saga, events: page.events, more: page.nextRevision !== null });
      } catch (error) {
        // No instance of this saga for the order: its stream was never written.
        if (!error.notFound) throw error;
      }
    }
    if (found.length === 0) return show(target, empty('No saga has taken a step for this order (sagas may be off, or the order is new).'));
    show(
      target,
      found.map(({ saga, events, more }) =>
        h(
          'div',
          { class: 'saga-steps', 'data-saga': saga },
          h('h3', {}, `${saga} saga`),
          table(
            [
              { label: '#', cell: (event) => event.revision, class: 'number' },
              { label: 'Step', cell: (event) => badge(event.type, event.type === 'SagaParked' ? 'bad' : event.type === 'SagaCompleted' ? 'good' : 'neutral') },
              { label: 'What', cell: stepSummary },
              { label: 'Recorded', cell: (event) => time(event.recordedAt) },
              { label: 'Data', cell: (event) => json(event.data) },
            ],
            events,
            { rowAttributes: (event) => ({ 'data-step': event.type }) },
          ),
          more ? h('p', { class: 'muted' }, 'Only the first 1000 steps are shown.') : null,
        ),
      ),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

/**
 * The order's journal lines by entry. Each entry is rebuilt from history (its posting date and
 * company, and whether it still matches), then found in the batches of that company and day.
 * Answers the batch ids found, for the ERP part.
 */
async function loadLines(target, orderId, context) {
  const { api } = context;
  let lines;
  try {
    ({ lines } = await api.get(path`/audit/orders/${orderId}/lines`));
  } catch (error) {
    show(target, errorBox(error));
    return [];
  }
  if (lines.length === 0) {
    show(target, empty('No journal lines yet: nothing this order did has been posted.'));
    return [];
  }
  const entries = [...new Map(lines.map((line) => [line.entryId, line])).keys()].map((entryId) => ({ entryId, lines: lines.filter((line) => line.entryId === entryId) }));
  const lineage = h('div', { 'aria-live': 'polite' });
  const places = await Promise.all(entries.map((entry) => placeOf(entry.entryId, api)));
  let batches;
  let batchesUnknown;
  try {
    batches = await batchesHolding(places.filter((place) => place.record), api);
  } catch (error) {
    batchesUnknown = error;
  }
  show(
    target,
    batchesUnknown ? errorBox(batchesUnknown, 'Batches') : null,
    entries.map((entry, index) => entryBlock(entry, places[index], batches, lineage, api)),
    lineage,
  );
  return batches ? [...new Set([...batches.values()].map((batch) => batch.batchId))] : [];
}

/** The entry as history rebuilds it: where it posts, and whether the journal still agrees. */
async function placeOf(entryId, api) {
  try {
    const comparison = await api.get(path`/audit/entries/${entryId}/rebuild`);
    return { record: comparison.recorded, match: comparison.match, differences: comparison.differences ?? [], problem: comparison.problem };
  } catch (error) {
    return { error };
  }
}

/** entryId -> the batch holding it, from the batches of each company and day the entries post to. */
async function batchesHolding(places, api) {
  const holding = new Map();
  const days = [...new Set(places.map(({ record }) => `${record.companyCode} ${record.postingDate}`))];
  for (const day of days) {
    const [companyCode, postingDate] = day.split(' ');
    const { batches } = await api.get('/posting-batches', { companyCode, postingDate });
    for (const listed of batches) {
      const batch = await api.get(path`/posting-batches/${listed.batchId}`);
      for (const entry of batch.entries) holding.set(entry.entryId, batch);
    }
  }
  return holding;
}

/** `batches` is undefined when they could not be read: the entry's batch is then unknown, not "open". */
function entryBlock(entry, place, batches, lineage, api) {
  const first = entry.lines[0];
  const batch = batches?.get(entry.entryId);
  const notInBatch = batches ? badge('open: not in a batch yet', 'warning') : badge('batch unknown', 'neutral');
  const where = place.error
    ? errorBox(place.error, 'Entry rebuild')
    : h(
        'p',
        { class: 'entry-place' },
        `${place.record.companyCode} · posting date ${place.record.postingDate} · `,
        batch ? ['batch ', h('a', { href: `#/batches/${encodeURIComponent(batch.batchId)}`, class: 'batch-id' }, batch.batchId)] : notInBatch,
        ' · ',
        place.match ? badge('matches history', 'good') : badge(`differs from history${place.problem ? `: ${place.problem}` : ` (${place.differences.length})`}`, 'bad'),
      );
  return h(
    'div',
    { class: 'entry', 'data-entry': entry.entryId },
    h('h3', {}, place.record ? `${place.record.kind} ` : '', h('span', { class: 'muted' }, `from ${first.eventType} ${first.streamId}@${first.revision}`), ' ', short(entry.entryId, 20)),
    where,
    table(
      [
        { label: 'Line', cell: (line) => line.lineNo, class: 'number' },
        { label: 'Role', cell: (line) => line.role },
        { label: 'Debit', cell: (line) => (line.side === 'debit' ? money(line.amountMinor, line.currency) : ''), class: 'number' },
        { label: 'Credit', cell: (line) => (line.side === 'credit' ? money(line.amountMinor, line.currency) : ''), class: 'number' },
        { label: 'Promotion', cell: (line) => [line.promotionId, line.vendorId && `(vendor ${line.vendorId})`].filter(Boolean).join(' ') || '—' },
        { label: '', cell: (line) => h('button', { type: 'button', class: 'link', 'data-action': 'lineage', onclick: () => showLineage(lineage, line.lineId, api) }, 'Lineage') },
      ],
      entry.lines,
      { rowAttributes: (line) => ({ 'data-line': line.lineId }) },
    ),
  );
}

/** Where a line comes from: the event that posted it, the events the rules read, the command and the payload. */
async function showLineage(target, lineId, api) {
  show(target, panel('Lineage', {}, loading()));
  target.scrollIntoView({ block: 'nearest' });
  try {
    const lineage = await api.get(path`/audit/lines/${lineId}`);
    show(
      target,
      panel(
        `Lineage of line ${lineage.line.lineNo}: ${lineage.line.role} ${money(lineage.line.amountMinor, lineage.line.currency)}`,
        { id: 'lineage' },
        h(
          'dl',
          { class: 'facts' },
          fact('Line', h('code', {}, lineId)),
          fact('Command', short(lineage.commandId, 36)),
          fact('Correlation', short(lineage.correlationId, 36)),
          fact('Causation', short(lineage.causationId, 36)),
          fact('Channel', lineage.channel ?? '—'),
          fact('Payload', lineage.payload ? [h('code', {}, lineage.payload.sourceRef), lineage.payload.stream ? ` kept in ${lineage.payload.stream.streamId}` : ''] : '—'),
        ),
        table(
          [
            { label: 'Role', cell: (event) => event.role },
            { label: 'Event', cell: (event) => h('strong', {}, event.type) },
            { label: 'Where', cell: (event) => `${event.streamId}@${event.revision}` },
            { label: 'Position', cell: (event) => event.globalPosition, class: 'number' },
            { label: 'As stored now', cell: (event) => (event.event ? json(event.event.data) : badge('missing from the store', 'bad')) },
          ],
          lineage.events,
          { rowAttributes: (event) => ({ 'data-lineage-event': event.type }) },
        ),
      ),
    );
  } catch (error) {
    show(target, panel('Lineage', {}, errorBox(error)));
  }
}

async function loadErp(target, batchIds, { api }) {
  try {
    if (batchIds.length === 0) {
      const configured = (await erpDeliveries(api)) !== undefined;
      return show(target, empty(configured ? 'None yet: no entry of this order is in a batch.' : ERP_NOT_CONFIGURED));
    }
    const answers = await Promise.all(batchIds.map((batchId) => erpDeliveries(api, { batchId })));
    if (answers.every((answer) => answer === undefined)) return show(target, empty(ERP_NOT_CONFIGURED));
    show(target, batchIds.map((batchId, index) => h('div', {}, h('h3', {}, batchId), generic(answers[index]))));
  } catch (error) {
    show(target, errorBox(error));
  }
}
