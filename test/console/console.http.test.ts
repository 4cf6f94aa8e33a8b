import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EdgeApp, startEdgeApp } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';

describe('operations console files (/console)', () => {
  const dir = tempDir('console-http');
  let edge: EdgeApp;
  before(async () => {
    edge = await startEdgeApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('serves the page and its modules without a key (they hold no data), under a policy that loads nothing from elsewhere', async () => {
    const bare = await fetch(`${edge.base}/console`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/console/');
    const page = await fetch(`${edge.base}/console/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<script type="module" src="main.js"><\/script>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    for (const file of ['main.js', 'api.js', 'dom.js', 'views/order.js', 'console.css']) {
      const asset = await fetch(`${edge.base}/console/${file}`);
      assert.equal(asset.status, 200, file);
      assert.match(asset.headers.get('content-type') ?? '', file.endsWith('.css') ? /^text\/css/ : /javascript/, file);
    }
  });

  it('answers a file it does not have, or a path out of its folder, with the API error shape', async () => {
    for (const path of ['/console/nothing.js', '/console/%2E%2E/package.json', '/console/../src/main.ts']) {
      const answer = await fetch(`${edge.base}${path}`);
      assert.equal(answer.status, 404, path);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'NOT_FOUND', path);
    }
  });
});
