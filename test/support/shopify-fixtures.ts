import { stringify } from 'lossless-json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChannelPayload } from '../../src/channels/channel-payload';

/** `test/fixtures/shopify` (see its README for sources); this file runs from dist/test/support. */
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'shopify');

/** A Shopify fixture's raw bytes, as Shopify would send them. */
export function shopifyFixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** The fixture parsed the way the webhook parses it (every number kept as written: LosslessNumber). */
export function shopifyFixture(name: string): Record<string, any> {
  return parseChannelPayload(shopifyFixtureBytes(name)) as Record<string, any>;
}

/** A payload (a fixture, edited) back to bytes, numbers exactly as they were read or set. */
export function shopifyJson(payload: unknown): Buffer {
  return Buffer.from(stringify(payload) ?? '', 'utf8');
}
