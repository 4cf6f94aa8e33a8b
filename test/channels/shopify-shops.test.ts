import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { readShopifyShops } from '../../src/config/shopify-shops.setting';
import { tempDir } from '../support/temp-dir';

const SECRET = 'shpss_0123456789abcdef0123';

describe('SHOPIFY_SHOPS, checked at start', () => {
  it('reads each shop with its secret (and the previous one while a rotation settles) and the company its orders are booked under', () => {
    const config = loadConfig({ SHOPIFY_SHOPS: JSON.stringify({ 'my-shop.myshopify.com': { secret: SECRET, previousSecret: 'shpss_older0123456789ab', companyCode: 'DE01' } }) });
    assert.deepEqual([...config.shopifyShops.values()], [{ domain: 'my-shop.myshopify.com', secret: SECRET, previousSecret: 'shpss_older0123456789ab', companyCode: 'DE01' }]);
  });

  it('names every problem with the rule it breaks, in the one start-up message, never showing the value (it holds secrets)', () => {
    const setting = JSON.stringify({
      'short-secret.myshopify.com': { secret: 'too-short', companyCode: 'US01' },
      'unknown-company.myshopify.com': { secret: SECRET, companyCode: 'bad code!' },
      'Not A Domain': { secret: SECRET, companyCode: 'US01' },
      'no-company.myshopify.com': { secret: SECRET },
    });
    assert.throws(
      () => loadConfig({ SHOPIFY_SHOPS: setting }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          'invalid configuration:\n  SHOPIFY_SHOPS=(not shown: it holds secrets): ' +
            [
              'short-secret.myshopify.com.secret must be the webhook signing secret, at least 16 characters',
              'unknown-company.myshopify.com.companyCode "bad code!" must be a company in the chart of accounts (DE01, US01)',
              '"Not A Domain" must be a shop domain in lower case, such as my-shop.myshopify.com',
              "no-company.myshopify.com.companyCode is required: the company the shop's orders are booked under",
            ].join('; '),
        );
        assert.ok(!error.message.includes(SECRET));
        return true;
      },
    );
    assert.deepEqual(readShopifyShops('{not json').problems, ['must be JSON: {"<shop>.myshopify.com": {"secret": "<webhook signing secret>", "companyCode": "US01"}}']);
    assert.deepEqual(readShopifyShops('[]').problems.length, 1);
  });

  it('checks the company against the chart the service is configured with', () => {
    const setting = JSON.stringify({ 'shop.myshopify.com': { secret: SECRET, companyCode: 'US01' } });
    const chart = resolve(__dirname, '..', '..', '..', 'config', 'chart-of-accounts.json');
    assert.doesNotThrow(() => loadConfig({ SHOPIFY_SHOPS: setting, CHART_OF_ACCOUNTS: chart }));
    assert.throws(
      () => loadConfig({ SHOPIFY_SHOPS: JSON.stringify({ 'shop.myshopify.com': { secret: SECRET, companyCode: 'FR01' } }) }),
      /companyCode "FR01" must be a company in the chart of accounts/,
    );
  });

  it('stops the service with that message and exit code 1, no stack trace', () => {
    const dir = tempDir('shopify-shops-start');
    const main = resolve(__dirname, '..', '..', 'src', 'main.js');
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      GRPC_PORT: '0',
      DATA_DIR: dir.path,
      SHOPIFY_SHOPS: JSON.stringify({ 'shop.myshopify.com': { secret: 'short', companyCode: 'US01' } }),
    };
    const run = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    dir.remove();
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'ledgerbridge: invalid configuration:\n  SHOPIFY_SHOPS=(not shown: it holds secrets): shop.myshopify.com.secret must be the webhook signing secret, at least 16 characters\n',
    );
  });
});
