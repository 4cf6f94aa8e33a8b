import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChannelPayload } from '../../src/channels/channel-payload';

/** `test/fixtures/shopify` (see its README for sources); this file runs from dist/test/support. */
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'shopify');

/** A Shopify fixture's raw bytes, as Shopify would send them. */
export function shopifyFixtureBytes(name: 'orders-create.json' | 'refund.json'): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** The fixture parsed the way the webhook parses it (ids beyond 2^53 kept as strings). */
export function shopifyFixture(name: 'orders-create.json' | 'refund.json'): Record<string, any> {
  return parseChannelPayload(shopifyFixtureBytes(name)) as Record<string, any>;
}
