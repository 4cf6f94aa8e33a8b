// Building blocks for the console's pages. Everything is made with DOM calls and text nodes,
// never from HTML strings: event data and channel payloads are shown as text, so nothing they
// hold can become markup.

/**
 * An element: `h('button', { class: 'primary', onclick: retry }, 'Retry')`. Attributes named
 * on<event> become listeners, `hidden`/`disabled` booleans; children may be strings, nodes,
 * arrays, or null/false (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what `parent` shows. */
export function show(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** A titled part of a page, with buttons at the right of its title. */
export function panel(title, { actions = [], id } = {}, ...body) {
  return h('section', { class: 'panel', 'aria-label': title, id }, h('header', {}, h('h2', {}, title), h('div', { class: 'actions' }, actions)), ...body);
}

export function loading(what = 'Loading') {
  return h('p', { class: 'muted', role: 'status' }, `${what}…`);
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

/** A sentence for the operator: `bad` ones are alerts, the others status messages. */
export function note(text, tone = 'info') {
  return h('p', { class: `note ${tone}`, role: tone === 'bad' ? 'alert' : 'status' }, text);
}

/**
 * An API error as the operator needs it: status, code and the API's message, the fields it
 * names, and the correlation id to find the request in the logs.
 */
export function errorBox(error, context) {
  const fields = error.fields ?? [];
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, context ? `${context}: ` : ''), error.status ? `${error.status} ${error.code}: ` : `${error.code}: `, error.message),
    fields.length ? h('ul', {}, fields.map((field) => h('li', {}, h('code', {}, field.path), ' ', field.reason))) : null,
    error.correlationId ? h('p', { class: 'correlation' }, 'correlation id ', h('code', { class: 'correlation-id' }, error.correlationId)) : null,
  );
}

/**
 * A table of `rows`; `columns` are `{ label, cell(row) }`. No rows: the `empty` sentence
 * instead, so an empty queue reads as good news rather than as a broken page.
 */
export function table(columns, rows, { empty: emptyText = 'Nothing here.', caption, rowAttributes } = {}) {
  if (rows.length === 0) return empty(emptyText);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.class }, column.label)))),
      h('tbody', {}, rows.map((row) => h('tr', rowAttributes?.(row) ?? {}, columns.map((column) => h('td', { class: column.class }, column.cell(row)))))),
    ),
  );
}

export function badge(text, tone = 'neutral') {
  return h('span', { class: `badge ${tone}` }, text);
}

/** A value as JSON, folded away until asked for. */
export function json(value, summary = 'data') {
  return h('details', { class: 'json' }, h('summary', {}, summary), h('pre', {}, JSON.stringify(value, null, 2)));
}

/** Long hashes and ids: the start, the whole value on hover and for copying. */
export function short(value, length = 12) {
  if (value === null || value === undefined) return '—';
  const text = String(value);
  return text.length <= length ? h('code', {}, text) : h('code', { title: text }, `${text.slice(0, length)}…`);
}

/**
 * Integer minor units written in the currency's own decimals (105.19 USD, 1200 JPY), from the
 * digits themselves: never through a float.
 */
export function money(minor, currency) {
  if (minor === null || minor === undefined) return '—';
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    // An unknown currency code keeps two decimals.
  }
  const negative = String(minor).startsWith('-');
  const whole = String(minor).replace('-', '').padStart(digits + 1, '0');
  const units = digits === 0 ? whole : `${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
  return `${negative ? '-' : ''}${units} ${currency ?? ''}`.trim();
}

export function time(iso) {
  if (!iso) return '—';
  return h('time', { datetime: iso, title: iso }, iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

export function link(href, text) {
  return h('a', { href }, text);
}

export function orderLink(orderId) {
  return link(`#/orders/${encodeURIComponent(orderId)}`, orderId);
}

/**
 * A button that runs `action` once at a time: disabled and relabelled while it runs, so a
 * second click cannot send the request twice.
 */
export function actionButton(label, action, { busyLabel = `${label}…`, tone, name } = {}) {
  const button = h('button', { type: 'button', class: tone, 'data-action': name ?? label.toLowerCase() }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = busyLabel;
    try {
      await action();
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return button;
}
