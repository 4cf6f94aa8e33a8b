import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { call } from '../../support/edge-app';
import { tempDir } from '../../support/temp-dir';
import { AUDIT_KEYS, startAuditApp } from './audit-app';
import { runAudit } from './audit-cli-run';

describe('npm run audit: never a match it did not compute', () => {
  const sale = (giftCardId: string, soldAt: string) => ({
    giftCardId,
    channel: 'pos',
    companyCode: 'US01',
    currency: 'USD',
    amountMinor: 5000,
    tender: { kind: 'card' },
    soldAt,
    sourceRef: `payload://pos/${giftCardId}`,
  });
  /** A data dir as the service leaves it, after `record` ran against it (and the journal settled: caught up or halted). */
  async function dataDirAfter(record: (app: Awaited<ReturnType<typeof startAuditApp>>) => Promise<void>): Promise<ReturnType<typeof tempDir>> {
    const dir = tempDir('audit-cli-unverified');
    const app = await startAuditApp(dir.path);
    try {
      await record(app);
      const host = app.app.get(ProjectionHost);
      await host.caughtUp().catch(() => undefined);
    } finally {
      await app.close();
    }
    return dir;
  }
  /** The gift card sale an edge without an offset check stored: the journal cannot date it. */
  const appendPoison = (app: Awaited<ReturnType<typeof startAuditApp>>, giftCardId: string) =>
    app.store.appendToStream(`gift-card-${giftCardId}`, [{ eventId: randomUUID(), type: 'GiftCardSold', data: sale(giftCardId, '2026-11-27T09:30:00+25:00') }], {
      expectedRevision: 'no_stream',
    });

  it('exits 3 on an empty log instead of "(empty log): match"', async () => {
    const dir = await dataDirAfter(async () => undefined);
    try {
      const run = await runAudit(dir.path, 'rebuild-projection', 'journal');
      assert.equal(run.code, 3, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout, /match/);
      assert.match(run.stderr, /the log holds no event projection journal reads: nothing to verify/);
    } finally {
      dir.remove();
    }
  });

  it('exits 3 on an event store it cannot read', async () => {
    const dir = await dataDirAfter(async () => undefined);
    try {
      writeFileSync(join(dir.path, 'events.sqlite'), 'not a database, whatever the name says'.repeat(200));
      const run = await runAudit(dir.path, 'rebuild-projection', 'journal');
      assert.equal(run.code, 3, run.stdout + run.stderr);
      assert.match(run.stderr, /cannot read the event store at .*events\.sqlite: file is not a database/);
    } finally {
      dir.remove();
    }
  });

  it('exits 3 when the journal is halted at its first event: nothing was applied, so nothing is compared', async () => {
    const dir = await dataDirAfter((app) => appendPoison(app, 'r5').then(() => undefined));
    try {
      const run = await runAudit(dir.path, 'rebuild-projection', 'journal');
      assert.equal(run.code, 3, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout, /match/);
      assert.match(
        run.stderr,
        /projection journal has applied none of the log's events: projection journal is halted at position 1 \(event [0-9a-f-]+, GiftCardSold v1 gift-card-r5@0, company US01\)/,
      );
    } finally {
      dir.remove();
    }
  });

  it('exits 3 when the journal is halted later: what it applied matches, the rest is reported not verified', async () => {
    const dir = await dataDirAfter(async (app) => {
      const answer = await call(app.base, 'POST', '/gift-cards', { key: AUDIT_KEYS.pos, body: sale('g-1', '2026-11-27T09:30:00Z') });
      assert.equal(answer.status, 201);
      await appendPoison(app, 'r5');
    });
    try {
      const run = await runAudit(dir.path, 'rebuild-projection', 'journal');
      assert.equal(run.code, 3, run.stdout + run.stderr);
      assert.match(run.stdout, /projection journal at position 1: match/);
      assert.match(run.stdout, /NOT VERIFIED after position 1: projection journal is halted at position 2/);
      assert.match(run.stderr, /the log after position 1 was not verified/);
    } finally {
      dir.remove();
    }
  });
});
