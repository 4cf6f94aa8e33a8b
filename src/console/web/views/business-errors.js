// The business-error queue: channel payloads kept but not posted, and why. Reprocess and dismiss
// are offered when the service serves them (its OpenAPI document lists the routes) and the key
// holds ops:admin; otherwise the queue is listed read-only.
import { path } from '../api.js';
import { actionButton, badge, errorBox, h, json, loading, note, panel, show, table, time } from '../dom.js';

const QUEUE = '/channels/business-errors';
const REPROCESS = 'POST /channels/business-errors/{id}/reprocessing';
const DISMISS = 'POST /channels/business-errors/{id}/dismissal';
const STATUS_TONES = { open: 'bad', resolved: 'good', dismissed: 'neutral' };

export async function renderBusinessErrors(view, context) {
  show(view, loading());
  const routes = await context.api.routes();
  // The routes came together with the entries' status, which the list can then filter by.
  const served = routes.has(REPROCESS) && routes.has(DISMISS);
  const actionable = served && context.session.canOperate;
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const list = h('div', {}, loading());
  const status = h(
    'select',
    { id: 'business-error-status', 'aria-label': 'Status' },
    ['open', 'resolved', 'dismissed', 'all'].map((value) => h('option', { value }, value)),
  );
  const refresh = () => loadQueue(list, outcome, context, { actionable, status: served ? status.value : 'all' });
  status.addEventListener('change', refresh);
  show(
    view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Business errors'), served ? h('label', {}, 'Status ', status) : null, h('button', { type: 'button', onclick: refresh }, 'Refresh')),
    served
      ? context.session.canOperate
        ? null
        : note('Read-only: your key lacks ops:admin, so reprocess and dismiss are not offered.')
      : note('This service lists the queue only: it does not serve reprocess or dismiss yet.'),
    outcome,
    panel('Queue', {}, list),
  );
  refresh();
}

async function loadQueue(target, outcome, context, options) {
  const { api } = context;
  try {
    const { items } = await api.get(QUEUE, options.status === 'all' ? {} : { status: options.status });
    const reload = () => loadQueue(target, outcome, context, options);
    const columns = [
      { label: 'Entry', cell: (item) => h('code', {}, item.id) },
      { label: 'Channel', cell: (item) => `${item.channel}${item.topic ? ` · ${item.topic}` : ''}` },
      { label: 'Received', cell: (item) => time(item.recordedAt) },
      { label: 'Problem', cell: (item) => h('div', {}, h('strong', {}, item.reason), h('div', {}, item.message), json(item.details, 'details')) },
      {
        label: 'Status',
        cell: (item) =>
          h(
            'div',
            {},
            badge(item.status ?? 'open', STATUS_TONES[item.status ?? 'open']),
            item.reprocessed ? h('div', { class: 'muted' }, `reprocessed ${item.reprocessed}×`) : null,
            item.dismissal ? h('div', { class: 'muted' }, `dismissed by ${item.dismissal.by}: ${item.dismissal.reason}`) : null,
          ),
      },
    ];
    if (options.actionable) columns.push({ label: '', cell: (item) => (item.status === 'open' ? actions(item, outcome, reload, api) : '') });
    show(
      target,
      table(columns, items, {
        empty: options.status === 'open' ? 'No open business errors: every payload was posted or dealt with.' : 'No entries.',
        rowAttributes: (item) => ({ 'data-entry': item.id }),
      }),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

function actions(item, outcome, reload, api) {
  const box = h('div', { class: 'row-actions' });
  const reprocess = actionButton('Reprocess', async () => {
    try {
      const answer = await api.post(QUEUE + path`/${item.id}/reprocessing`);
      show(
        outcome,
        answer.outcome.status === 'resolved'
          ? note(`${item.id}: reprocessed and resolved.`, 'good')
          : note(`${item.id}: refused again: ${answer.outcome.reason}: ${answer.outcome.message}`, 'bad'),
      );
    } catch (error) {
      show(outcome, errorBox(error, `Reprocess ${item.id}`));
    }
    await reload();
  }, { busyLabel: 'Reprocessing…', tone: 'primary' });
  const dismiss = h('button', { type: 'button', 'data-action': 'dismiss' }, 'Dismiss…');
  dismiss.addEventListener('click', () => show(box, dismissForm(item, outcome, reload, api, () => show(box, reprocess, dismiss))));
  show(box, reprocess, dismiss);
  return box;
}

/** Dismissing posts nothing and closes the entry for good, so it asks why. */
function dismissForm(item, outcome, reload, api, cancel) {
  const reason = h('input', { type: 'text', name: 'reason', required: true, maxlength: 500, placeholder: 'why nothing is to be posted', 'aria-label': 'Reason' });
  const form = h('form', { class: 'dismiss' }, reason, h('button', { type: 'submit', class: 'danger' }, 'Dismiss'), h('button', { type: 'button', onclick: cancel }, 'Cancel'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post(QUEUE + path`/${item.id}/dismissal`, { reason: reason.value });
      show(outcome, note(`${item.id}: dismissed.`, 'good'));
    } catch (error) {
      show(outcome, errorBox(error, `Dismiss ${item.id}`));
    }
    await reload();
  });
  queueMicrotask(() => reason.focus());
  return form;
}
