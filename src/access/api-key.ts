import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 256 random bits with a recognisable prefix (so leaked keys are easy to scan for). */
export function generateApiKey(): string {
  return `lbk_${randomBytes(32).toString('base64url')}`;
}

/** How keys are stored: only this hash ever sits in configuration. */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

export const API_KEY_HASH = /^sha256:[0-9a-f]{64}$/;
