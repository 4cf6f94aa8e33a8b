import { timingSafeEqual } from 'node:crypto';
import type { Secret } from './secret';

export function basicAuthorization(user: string, password: Secret): string {
  return `Basic ${Buffer.from(`${user}:${password.reveal()}`).toString('base64')}`;
}

/** A Basic Authorization header against the expected user and password, compared in constant time (connector callback and simulator alike). */
export function sameCredentials(header: string | undefined, user: string, password: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6), 'base64');
  const expected = Buffer.from(`${user}:${password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
