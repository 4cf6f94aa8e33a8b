// Parked saga instances (with retry, for ops:admin) and instances past their deadline.
import { path } from '../api.js';
import { actionButton, badge, errorBox, h, json, loading, note, orderLink, panel, show, table, time } from '../dom.js';

/** These sagas name their instances by the order; a link opens its timeline. */
const ORDER_SAGAS = new Set(['fulfillment', 'refund', 'channel-order']);
const instanceCell = (instance) => (ORDER_SAGAS.has(instance.saga) ? orderLink(instance.instanceId) : instance.instanceId);

function inputOf(input) {
  if (!input || typeof input !== 'object') return '—';
  const where = input.streamId ? ` on ${input.streamId}` : '';
  return h('div', {}, `${input.kind ?? 'input'} ${input.type ?? input.timerId ?? ''}${where}`, json(input, 'input'));
}

export function renderSagas(view, context) {
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const parked = h('div', {}, loading());
  const overdue = h('div', {}, loading());
  const refresh = () => {
    loadParked(parked, outcome, context);
    loadOverdue(overdue, context);
  };
  show(
    view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Sagas'), h('button', { type: 'button', onclick: refresh }, 'Refresh')),
    context.session.canOperate ? null : note('Read-only: your key lacks ops:admin, so retrying is not offered.'),
    outcome,
    panel('Parked instances', {}, parked),
    panel('Past their deadline', {}, overdue),
  );
  refresh();
}

async function loadParked(target, outcome, context) {
  const { api, session } = context;
  try {
    const { instances } = await api.get('/ops/sagas/parked');
    const columns = [
      { label: 'Saga', cell: (instance) => instance.saga },
      { label: 'Instance', cell: instanceCell },
      { label: 'Reason', cell: (instance) => h('span', { class: 'reason' }, instance.parked?.reason ?? '—') },
      { label: 'Attempts', cell: (instance) => instance.parked?.attempts ?? '—', class: 'number' },
      { label: 'Failed input', cell: (instance) => inputOf(instance.parked?.input) },
      { label: 'Parked at', cell: (instance) => time(instance.parked?.at) },
    ];
    if (session.canOperate) {
      columns.push({
        label: '',
        cell: (instance) =>
          actionButton('Retry', () => retry(instance, outcome, () => loadParked(target, outcome, context), api), { busyLabel: 'Retrying…', tone: 'primary' }),
      });
    }
    show(
      target,
      table(columns, instances, {
        empty: 'No parked instances: every saga is moving.',
        rowAttributes: (instance) => ({ 'data-saga': instance.saga, 'data-instance': instance.instanceId }),
      }),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

/** Re-runs the failed input and those that waited behind it; says where the instance stands now. */
async function retry(instance, outcome, reload, api) {
  const name = `${instance.saga} ${instance.instanceId}`;
  try {
    const answer = await api.post(path`/ops/sagas/${instance.saga}/instances/${instance.instanceId}/retry`);
    show(
      outcome,
      answer.outcome === 'resumed'
        ? note(`${name}: resumed, now ${answer.instance.state}.`, 'good')
        : note(`${name}: parked again: ${answer.instance.parked?.reason ?? 'see the list'}.`, 'bad'),
    );
  } catch (error) {
    show(outcome, errorBox(error, `Retry ${name}`));
  }
  await reload();
}

async function loadOverdue(target, { api }) {
  try {
    const { instances } = await api.get('/ops/sagas/overdue');
    show(
      target,
      table(
        [
          { label: 'Saga', cell: (entry) => entry.instance.saga },
          { label: 'Instance', cell: (entry) => instanceCell(entry.instance) },
          { label: 'State', cell: (entry) => badge(entry.instance.state, entry.instance.state === 'parked' ? 'bad' : 'neutral') },
          { label: 'Why', cell: (entry) => (entry.why === 'timer-overdue' ? 'a timer did not fire in time' : 'no input taken for too long') },
          { label: 'Since', cell: (entry) => time(entry.since) },
        ],
        instances,
        { empty: 'No instance is past its deadline.' },
      ),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}
