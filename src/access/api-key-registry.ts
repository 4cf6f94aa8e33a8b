import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from './api-key';
import type { ApiKeyEntry } from './api-key-entries';
import { Principal } from './principal';

/** Finds who holds a presented key, comparing hashes in constant time. */
export class ApiKeyRegistry {
  private readonly keys: Array<{ hash: Buffer; principal: Principal }>;

  constructor(entries: ApiKeyEntry[]) {
    this.keys = entries.map((entry) => ({ hash: Buffer.from(entry.hash), principal: new Principal(entry.name, new Set(entry.scopes)) }));
  }

  get size(): number {
    return this.keys.length;
  }

  authenticate(presented: string): Principal | undefined {
    const hash = Buffer.from(hashApiKey(presented));
    let found: Principal | undefined;
    // Every entry is compared, match or not, so timing says nothing about which key matched.
    for (const key of this.keys) {
      if (timingSafeEqual(key.hash, hash)) found = key.principal;
    }
    return found;
  }
}
