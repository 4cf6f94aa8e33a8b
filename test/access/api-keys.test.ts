import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateApiKey, hashApiKey } from '../../src/access/api-key';
import { readApiKeyEntries } from '../../src/access/api-key-entries';
import { ApiKeyRegistry } from '../../src/access/api-key-registry';
import { tempDir } from '../support/temp-dir';

describe('API keys', () => {
  const key = generateApiKey();
  const entry = { name: 'shopify-eu', hash: hashApiKey(key), scopes: ['channel:shopify-eu:write'] };

  it('finds the holder of a presented key by its hash, and nobody for another key', () => {
    const registry = new ApiKeyRegistry(readApiKeyEntries({ API_KEYS: JSON.stringify([entry]) }));
    const principal = registry.authenticate(key);
    assert.equal(principal?.name, 'shopify-eu');
    assert.ok(principal?.allows('channel:shopify-eu:write'));
    assert.ok(!principal?.allows('channel:pos:write'));
    assert.equal(registry.authenticate(generateApiKey()), undefined);
  });

  it('reads keys from a file', () => {
    const dir = tempDir('keys');
    const file = join(dir.path, 'keys.json');
    writeFileSync(file, JSON.stringify([entry]));
    try {
      assert.equal(readApiKeyEntries({ API_KEYS_FILE: file })[0].name, 'shopify-eu');
    } finally {
      dir.remove();
    }
  });

  it('refuses plaintext keys, unknown scopes, duplicates and bad JSON, naming each problem', () => {
    const bad = [
      { ...entry, hash: key },
      { ...entry, name: 'x', scopes: ['orders:delete', 'channel:a b:write'] },
      { ...entry, hash: hashApiKey('other') },
    ];
    assert.throws(
      () => readApiKeyEntries({ API_KEYS: JSON.stringify(bad) }),
      (error: Error) => {
        assert.match(error.message, /\[0\]: hash must be sha256/);
        assert.match(error.message, /\[1\]: unknown scopes orders:delete, channel:a b:write/);
        assert.match(error.message, /duplicate name shopify-eu/);
        return true;
      },
    );
    assert.throws(() => readApiKeyEntries({ API_KEYS: '{' }), /not valid JSON/);
    assert.throws(() => readApiKeyEntries({ API_KEYS: '[]', API_KEYS_FILE: 'k.json' }), /not both/);
  });
});
