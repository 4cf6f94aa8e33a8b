import { constants, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/**
 * NetSuite OAuth 2.0 client credentials (machine to machine): the client proves itself with a
 * JWT signed PS256 by the private key of a certificate uploaded to NetSuite, and gets a bearer
 * token for it. The connector signs and the simulator verifies with the same encoding here.
 */

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const REST_WEBSERVICES_SCOPE = 'rest_webservices';

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The JWT to POST as `client_assertion`; valid for `ttlSeconds` (NetSuite allows at most an hour). */
export function clientAssertion(claims: { clientId: string; certificateId: string; privateKeyPem: string; audience: string; nowSeconds: number; ttlSeconds?: number }): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'PS256', kid: claims.certificateId }));
  const payload = base64url(
    JSON.stringify({ iss: claims.clientId, scope: REST_WEBSERVICES_SCOPE, aud: claims.audience, iat: claims.nowSeconds, exp: claims.nowSeconds + (claims.ttlSeconds ?? 300) }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: createPrivateKey(claims.privateKeyPem), ...PSS });
  return `${header}.${payload}.${base64url(signature)}`;
}

/** Why an assertion is refused, or null when it holds: signature, key id, issuer, audience, lifetime, scope. */
export function assertionProblem(jwt: string, expected: { clientId: string; certificateId: string; publicKeyPem: string; audience: string; nowSeconds: number }): string | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a JWT';
  const [header, payload, signature] = parts;
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'not a JWT';
  }
  if (head.alg !== 'PS256') return `algorithm ${String(head.alg)} is not accepted`;
  if (head.kid !== expected.certificateId) return 'unknown certificate id (kid)';
  if (!verify('sha256', Buffer.from(`${header}.${payload}`), { key: createPublicKey(expected.publicKeyPem), ...PSS }, Buffer.from(signature, 'base64url')))
    return 'signature does not verify';
  if (claims.iss !== expected.clientId) return 'unknown client (iss)';
  if (claims.aud !== expected.audience) return `audience must be ${expected.audience}`;
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!(iat <= expected.nowSeconds + 60 && exp > expected.nowSeconds && exp - iat <= 3600)) return 'expired, not yet valid, or valid for more than an hour';
  const scopes: unknown[] = Array.isArray(claims.scope) ? claims.scope : typeof claims.scope === 'string' ? claims.scope.split(',') : [];
  if (!scopes.includes(REST_WEBSERVICES_SCOPE)) return `scope must include ${REST_WEBSERVICES_SCOPE}`;
  return null;
}
