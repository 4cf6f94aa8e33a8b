// Synchronization health: how far each read model is behind the log, where one halted, how many
// saga instances stand in each state, and the ERP delivery backlog where delivery exists.
import { path } from '../api.js';
import { actionButton, badge, empty, errorBox, h, link, loading, note, panel, show, table } from '../dom.js';
import { ERP_NOT_CONFIGURED, erpDeliveries, generic } from './erp.js';

const STATE_TONES = { live: 'good', 'catching-up': 'warning', starting: 'warning', halted: 'bad', failed: 'bad', stopped: 'neutral' };

export function renderHealth(view, context) {
  const projections = h('div', {}, loading());
  const sagas = h('div', {}, loading());
  const erp = h('div', {}, loading());
  const updated = h('span', { class: 'muted' });
  const refresh = () => {
    updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
    loadProjections(projections, context);
    loadSagas(sagas, context);
    loadErp(erp, context);
  };
  show(
    view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Synchronization health'), updated, h('button', { type: 'button', onclick: refresh }, 'Refresh')),
    panel('Projections', {}, projections),
    panel('Sagas', { actions: [link('#/sagas', 'Parked and overdue instances')] }, sagas),
    panel('ERP delivery', {}, erp),
  );
  refresh();
}

function problemOf(status) {
  if (status.halt) {
    const { type, streamId, revision, position, error } = status.halt;
    return h('div', {}, h('strong', {}, `Halted at ${type} ${streamId}@${revision} (position ${position})`), h('div', { class: 'muted' }, error));
  }
  return status.error ? h('div', { class: 'muted' }, status.error) : '';
}

async function loadProjections(target, { api, session }) {
  try {
    const { projections } = await api.get('/projections');
    const restartable = (status) => ['halted', 'failed', 'stopped'].includes(status.state);
    const columns = [
      { label: 'Projection', cell: (status) => status.projection },
      { label: 'State', cell: (status) => badge(status.state, STATE_TONES[status.state]) },
      { label: 'Checkpoint', cell: (status) => status.checkpoint ?? '—', class: 'number' },
      { label: 'Head', cell: (status) => status.headPosition ?? '—', class: 'number' },
      { label: 'Events behind', cell: (status) => (status.eventsBehind >= status.countCap ? `≥ ${status.countCap}` : status.eventsBehind ?? '—'), class: 'number' },
      { label: 'Seconds behind', cell: (status) => status.secondsBehind ?? '—', class: 'number' },
      { label: 'Problem', cell: problemOf },
    ];
    if (session.canOperate) {
      columns.push({
        label: '',
        cell: (status) =>
          restartable(status)
            ? actionButton('Restart', async () => {
                try {
                  await api.post(path`/projections/${status.projection}/restart`);
                } catch (error) {
                  target.prepend(errorBox(error, `Restart ${status.projection}`));
                  return;
                }
                await loadProjections(target, { api, session });
              })
            : '',
      });
    }
    const halted = projections.filter((status) => status.state === 'halted' || status.state === 'failed');
    show(
      target,
      halted.length ? note(`${halted.length} projection${halted.length > 1 ? 's' : ''} stopped at a problem: the read side is not following the log.`, 'bad') : null,
      table(columns, projections, { empty: 'No projections are registered.', rowAttributes: (status) => ({ 'data-projection': status.projection }) }),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

async function loadSagas(target, { api }) {
  try {
    const { sagas } = await api.get('/ops/sagas');
    const counts = (summary) =>
      h(
        'ul',
        { class: 'counts' },
        Object.entries(summary.counts).map(([state, count]) => h('li', {}, badge(`${state} ${count}`, state === 'parked' && count > 0 ? 'bad' : 'neutral'))),
      );
    show(
      target,
      table(
        [
          { label: 'Saga', cell: (summary) => summary.saga },
          { label: 'Instances by state', cell: counts },
          { label: 'Parked', cell: (summary) => summary.counts.parked ?? 0, class: 'number' },
          { label: 'Past deadline', cell: (summary) => summary.overdue, class: 'number' },
        ],
        sagas,
        { empty: 'No sagas run in this service (SAGAS_ENABLED=false).', rowAttributes: (summary) => ({ 'data-saga': summary.saga }) },
      ),
    );
  } catch (error) {
    show(target, errorBox(error));
  }
}

async function loadErp(target, context) {
  try {
    const deliveries = await erpDeliveries(context.api);
    show(target, deliveries === undefined ? empty(ERP_NOT_CONFIGURED) : generic(deliveries));
  } catch (error) {
    show(target, errorBox(error));
  }
}

