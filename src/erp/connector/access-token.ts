import { ErpRefusalError, ErpUnavailableError } from './erp-failures';

/** Fetch a token this long before the one held expires, so no request leaves with a token about to lapse. */
const EARLY_MS = 60_000;

/**
 * An OAuth 2.0 client-credentials bearer token, fetched on first use and again shortly before it
 * expires or after the ERP turned it down. Written here because the few lines it takes are less
 * than any client library's footprint (openid-client 6 is ESM-only).
 */
export class AccessTokens {
  private current?: { token: string; expiresAt: number };
  private fetching?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.current.expiresAt - EARLY_MS > this.now()) return Promise.resolve(this.current.token);
    this.fetching ??= this.fetchToken()
      .then(({ token, expiresInSeconds }) => {
        this.current = { token, expiresAt: this.now() + expiresInSeconds * 1000 };
        return token;
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }

  /** The ERP answered 401 with this token: the next get() fetches another. */
  refused(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}

/**
 * POSTs a token request (application/x-www-form-urlencoded) and reads `access_token` and
 * `expires_in` (NetSuite sends it as a string). A 4xx is the identity provider refusing the client.
 */
export async function requestToken(url: string, form: Record<string, string>, timeoutMs: number): Promise<{ token: string; expiresInSeconds: number }> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new ErpUnavailableError('unavailable', `token endpoint ${new URL(url).origin}: ${(error as Error).message}`);
  }
  const body = parseJson(text);
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    const description = typeof body?.error_description === 'string' ? body.error_description : typeof body?.error === 'string' ? body.error : text.slice(0, 200);
    throw new ErpRefusalError('unauthorized', `the token endpoint refused the client: ${description}`, { httpStatus: response.status });
  }
  if (response.status !== 200)
    throw new ErpUnavailableError(response.status === 429 ? 'throttled' : 'unavailable', `token endpoint answered HTTP ${response.status}`, response.status);
  const expires = Number(body?.expires_in);
  if (typeof body?.access_token !== 'string' || !Number.isFinite(expires))
    throw new ErpRefusalError('unexpected-answer', 'the token endpoint answered without access_token and expires_in');
  return { token: body.access_token, expiresInSeconds: expires };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
