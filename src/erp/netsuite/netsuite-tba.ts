import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * NetSuite token-based authentication: OAuth 1.0a (RFC 5849) signed with HMAC-SHA256. One
 * definition of the signature serves the connector that signs and the simulator that verifies.
 * Written by hand (node:crypto, a few lines) rather than with oauth-1.0a, which signs form data
 * and would have to be kept away from the JSON body NetSuite does not sign.
 */

/** The OAuth parameters that go into the Authorization header, signature aside. */
export interface TbaParameters {
  oauth_consumer_key: string;
  oauth_token: string;
  oauth_signature_method: 'HMAC-SHA256';
  oauth_timestamp: string;
  oauth_nonce: string;
  oauth_version: '1.0';
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `METHOD&enc(scheme://host[:port]/path)&enc(sorted k=v of query and oauth parameters)`; the
 * realm and the JSON body are not signed. A default port is left out, as RFC 5849 3.4.1.2 says.
 */
export function tbaBaseString(method: string, url: string, oauth: TbaParameters): string {
  const parsed = new URL(url);
  const port = parsed.port && !((parsed.protocol === 'http:' && parsed.port === '80') || (parsed.protocol === 'https:' && parsed.port === '443')) ? `:${parsed.port}` : '';
  const base = `${parsed.protocol}//${parsed.hostname.toLowerCase()}${port}${parsed.pathname}`;
  const pairs = [...parsed.searchParams.entries(), ...Object.entries<string>({ ...oauth })].map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1));
  return [method.toUpperCase(), percentEncode(base), percentEncode(pairs.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
}

export function tbaSignature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha256', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`)
    .update(baseString)
    .digest('base64');
}

/** The Authorization header of one request; a fresh nonce and the current time unless given. */
export function tbaAuthorization(request: {
  method: string;
  url: string;
  realm: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  nonce?: string;
  timestamp?: number;
}): string {
  const oauth: TbaParameters = {
    oauth_consumer_key: request.consumerKey,
    oauth_token: request.tokenId,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(request.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: request.nonce ?? randomBytes(16).toString('hex'),
    oauth_version: '1.0',
  };
  const signature = tbaSignature(tbaBaseString(request.method, request.url, oauth), request.consumerSecret, request.tokenSecret);
  const fields = [['realm', request.realm], ...Object.entries<string>({ ...oauth }), ['oauth_signature', signature]];
  return `OAuth ${fields.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(',')}`;
}

/** The parameters of an `Authorization: OAuth ...` header, decoded; undefined when it is not one. */
export function readTbaAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const fields: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    try {
      fields[match[1]] = decodeURIComponent(match[2]);
    } catch {
      return undefined;
    }
  }
  return fields;
}

/** Constant-time comparison of two signatures. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
