// The console calls the service's own HTTP API with the signed-in key, as any client does.

/** An answer other than 2xx, in the API's error shape: `{error: {status, code, message, fields?, details?, correlationId}}`. */
export class ApiError extends Error {
  constructor({ status, code, message, fields, details, correlationId }) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
    this.correlationId = correlationId;
  }

  get notFound() {
    return this.status === 404;
  }
}

async function errorOf(response) {
  const correlationId = response.headers.get('x-correlation-id') ?? undefined;
  const text = await response.text();
  try {
    const { error } = JSON.parse(text);
    if (error && typeof error.code === 'string') return new ApiError({ ...error, status: response.status, correlationId: error.correlationId ?? correlationId });
  } catch {
    // Not the API's error shape (a proxy in front, say): the status and the start of the body.
  }
  return new ApiError({ status: response.status, code: 'HTTP_ERROR', message: text.slice(0, 200) || response.statusText, correlationId });
}

/** Builds a query string from the values that are set. */
function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Path segments are encoded, so ids with `/` (journal line ids) stay one segment. */
export function path(strings, ...values) {
  return strings.reduce((text, part, index) => text + part + (index < values.length ? encodeURIComponent(values[index]) : ''), '');
}

/** `key()` reads the signed-in key at each call, so signing out takes effect at once. */
export function createApi(key) {
  async function send(method, target, { body, query } = {}) {
    const headers = { accept: 'application/json' };
    const presented = key();
    if (presented) headers.authorization = `Bearer ${presented}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(withQuery(target, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      throw new ApiError({ status: 0, code: 'UNREACHABLE', message: `the service did not answer (${error.message})` });
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  let routes;
  return {
    async get(target, query) {
      return (await send('GET', target, { query })).json();
    },
    async post(target, body = {}) {
      const response = await send('POST', target, { body });
      return response.status === 204 ? undefined : response.json();
    },
    /** Saves the answer as a file under the name the service gives (Content-Disposition). */
    async download(target) {
      const response = await send('GET', target);
      const disposition = response.headers.get('content-disposition') ?? '';
      const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? target.split('/').pop();
      const url = URL.createObjectURL(await response.blob());
      const anchor = Object.assign(document.createElement('a'), { href: url, download: fileName });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return fileName;
    },
    /**
     * The routes the service serves, as "METHOD /path/{param}", read once from its OpenAPI
     * document: actions whose routes a version of the service lacks are not offered.
     */
    routes() {
      routes ??= fetch('/docs-json', { cache: 'no-store' })
        .then((response) => (response.ok ? response.json() : { paths: {} }))
        .then((document) => new Set(Object.entries(document.paths ?? {}).flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))))
        .catch(() => new Set());
      return routes;
    },
  };
}
