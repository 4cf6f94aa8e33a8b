// The operations console: sign-in, the page frame and the pages.
import { ApiError, createApi } from './api.js';
import { errorBox, h, show } from './dom.js';
import { renderBatches } from './views/batches.js';
import { renderBusinessErrors } from './views/business-errors.js';
import { renderHealth } from './views/health.js';
import { renderOrder } from './views/order.js';
import { renderSagas } from './views/sagas.js';

// The key lives in this tab's sessionStorage only: gone when the tab closes, never in
// localStorage or a cookie, and sent only as Authorization: Bearer to this origin's API.
const KEY_ITEM = 'ledgerbridge.console.api-key';
const storedKey = () => sessionStorage.getItem(KEY_ITEM) ?? '';

const PAGES = [
  { route: 'health', title: 'Sync health', render: renderHealth },
  { route: 'sagas', title: 'Sagas', render: renderSagas },
  { route: 'business-errors', title: 'Business errors', render: renderBusinessErrors },
  { route: 'batches', title: 'Posting batches', render: renderBatches },
  { route: 'orders', title: 'Order timeline', render: renderOrder },
];

const root = document.getElementById('app');
const api = createApi(storedKey);

/** What the signed-in key may do, as GET /access/key says. */
function sessionOf(presented) {
  const allows = (scope) => presented.unrestricted || presented.scopes.includes(scope);
  return { ...presented, allows, canOperate: allows('ops:admin') };
}

async function start() {
  try {
    // Stored in this tab already, or a service without keys (local development): no form needed.
    enter(sessionOf(await api.get('/access/key')));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) return showSignIn(error);
    const hadKey = storedKey() !== '';
    sessionStorage.removeItem(KEY_ITEM);
    showSignIn(hadKey ? error : undefined);
  }
}

function showSignIn(error) {
  window.onhashchange = null;
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', placeholder: 'lbk_…' });
  const problem = h('div', { class: 'sign-in-problem' }, error ? errorBox(error, 'Sign-in') : null);
  const form = h(
    'form',
    { class: 'sign-in', 'aria-label': 'Sign in' },
    h('h1', {}, 'Ledgerbridge operations'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('p', { class: 'muted' }, 'Kept in this browser tab only, until you sign out or close it.'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    problem,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    try {
      const presented = await createApi(() => key).get('/access/key');
      sessionStorage.setItem(KEY_ITEM, key);
      enter(sessionOf(presented));
    } catch (failure) {
      show(problem, errorBox(failure, 'Sign-in'));
    }
  });
  show(root, form);
  input.focus();
}

function signOut() {
  sessionStorage.removeItem(KEY_ITEM);
  history.replaceState(null, '', '#/health');
  showSignIn();
}

function enter(session) {
  const nav = h('nav', { 'aria-label': 'Pages' }, PAGES.map((page) => h('a', { href: `#/${page.route}`, 'data-route': page.route }, page.title)));
  const main = h('main', { id: 'page' });
  const who = h(
    'div',
    { class: 'who' },
    h('span', { class: 'key-name' }, session.name),
    session.unrestricted ? h('span', { class: 'badge warning', title: 'No API keys are configured: every request acts with every scope' }, 'open access') : null,
    session.canOperate ? null : h('span', { class: 'badge neutral read-only', title: 'This key lacks ops:admin: actions are hidden' }, 'read-only'),
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
  );
  show(root, h('header', { class: 'top' }, h('span', { class: 'brand' }, 'Ledgerbridge operations'), nav, who), main);

  const context = { api, session };
  const route = () => {
    const [name = 'health', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
    const page = PAGES.find((candidate) => candidate.route === name) ?? PAGES[0];
    for (const anchor of nav.querySelectorAll('a')) anchor.toggleAttribute('aria-current', anchor.dataset.route === page.route);
    document.title = `${page.title} · Ledgerbridge operations`;
    const view = h('div', { class: 'view', 'data-page': page.route });
    show(main, view);
    page.render(view, context, rest.map(decodeURIComponent).join('/'));
  };
  window.onhashchange = route;
  route();
}

start();
