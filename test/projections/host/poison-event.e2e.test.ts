import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { EVENT_CORRECTIONS_STREAM } from '../../../projections/runner/event-corrections';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { call, type HttpAnswer } from '../../support/edge-app';
import { callOnce, GRPC_SERVICES } from '../../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';

const DAY = '2026-11-27';

const giftCard = (giftCardId: string, companyCode: 'US01' | 'DE01', soldAt = `${DAY}T09:30:00Z`) => ({
  giftCardId,
  channel: 'pos',
  companyCode,
  currency: companyCode === 'US01' ? 'USD' : 'EUR',
  amountMinor: 5000,
  tender: { kind: 'card', reference: `pi_${giftCardId}` },
  soldAt,
  sourceRef: `payload://pos/${giftCardId}`,
});

/**
 * A gift card sale whose time has an offset of +25:00, as the edge accepted before it checked
 * offsets: appended straight to the store, as an older build (or a bug in any edge) would have.
 */
const POISON = giftCard('r5', 'US01', `${DAY}T09:30:00+25:00`);

describe('a poison event: the journal halts at it, visibly, and an operator corrects it', () => {
  const dir = tempDir('poison-event');
  let app: TestApp;
  let poison: RecordedEvent;
  const post = (path: string, key: string, body?: unknown): Promise<HttpAnswer> => call(app.base, 'POST', path, { key, ...(body === undefined ? {} : { body }) });
  const journal = async () => (await call(app.base, 'GET', '/projections', { key: KEYS.finance })).body.projections.find((p: { projection: string }) => p.projection === 'journal');
  const close = (companyCode: string) => post('/posting-batches/closes', KEYS.ops, { companyCode, postingDate: DAY });
  const allEvents = () => app.store.readAll();

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: { ...GENEROUS_RATE_LIMIT } });
    for (const sale of [giftCard('de-1', 'DE01'), giftCard('us-1', 'US01')]) assert.equal((await post('/gift-cards', KEYS.pos, sale)).status, 201);
    await app.store.appendToStream('gift-card-r5', [{ eventId: randomUUID(), type: 'GiftCardSold', data: POISON }], { expectedRevision: 'no_stream' });
    [poison] = await app.store.readStream('gift-card-r5');
    // Sold after the poison event: the journal must not apply it before the poison event is dealt with.
    assert.equal((await post('/gift-cards', KEYS.pos, giftCard('us-2', 'US01'))).status, 201);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('halts at the event with its position, id, stream, type and error in GET /projections, over gRPC and in the logs; the others stay live', async () => {
    await eventually(async () => (await journal())?.state === 'halted', 'the journal halts');
    const status = (await call(app.base, 'GET', '/projections', { key: KEYS.finance })).body.projections;
    const byName = Object.fromEntries(status.map((p: { projection: string }) => [p.projection, p]));
    const { journal: halted } = byName;
    assert.deepEqual(
      { ...halted.halt, error: undefined },
      {
        position: poison.globalPosition.toString(),
        eventId: poison.eventId,
        streamId: 'gift-card-r5',
        revision: 0,
        type: 'GiftCardSold',
        schemaVersion: 1,
        companyCode: 'US01',
        error: undefined,
      },
    );
    assert.match(halted.halt.error, /\+25:00/, 'the error says what is wrong with the event');
    assert.match(halted.error, new RegExp(`halted at position ${poison.globalPosition}`));
    assert.equal(BigInt(halted.checkpoint), poison.globalPosition - 1n, 'everything before the poison event is applied, nothing at or after it');
    assert.equal(halted.eventsBehind, 2, 'the poison event and the sale after it wait');
    for (const other of ['finance_open_items', 'finance_promotion_cost', 'finance_settlements', 'posting_batches']) assert.equal(byName[other].state, 'live', other);

    const overGrpc = await callOnce(app.grpcPort, GRPC_SERVICES.projections, 'ListProjections', {}, KEYS.finance);
    assert.ifError(overGrpc.error);
    const grpcJournal = overGrpc.response.projections.find((p: { projection: string }) => p.projection === 'journal');
    assert.equal(grpcJournal.state, 'halted');
    assert.deepEqual(
      [grpcJournal.halt.eventId, grpcJournal.halt.position, grpcJournal.halt.streamId, grpcJournal.halt.type, grpcJournal.halt.companyCode],
      [poison.eventId, poison.globalPosition.toString(), 'gift-card-r5', 'GiftCardSold', 'US01'],
    );

    const logged = app.logs.lines.find((line) => typeof line.msg === 'string' && line.msg.includes(`halted at position ${poison.globalPosition}`));
    assert.ok(logged, 'the halt is logged');
    assert.match(String(logged.msg), new RegExp(`${poison.eventId}.*GiftCardSold.*gift-card-r5@0.*\\+25:00`));
  });

  it('refuses to close the halted company (422 PROJECTION_HALTED naming the event) and still closes another company', async () => {
    const before = await allEvents();
    const refused = await close('US01');
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'PROJECTION_HALTED');
    assert.match(refused.body.error.message, new RegExp(`journal is halted at position ${poison.globalPosition} \\(event ${poison.eventId}`));
    assert.equal(refused.body.error.details.halt.eventId, poison.eventId);
    assert.deepEqual(await allEvents(), before, 'a refused close appends nothing');

    const closed = await close('DE01');
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    assert.deepEqual([closed.body.companyCode, closed.body.entryCount], ['DE01', 1]);
  });

  it('never skips the event: a restart without a correction halts at it again', async () => {
    const restarted = await post('/projections/journal/restart', KEYS.ops);
    assert.equal(restarted.status, 200, JSON.stringify(restarted.body));
    assert.equal(restarted.body.state, 'halted');
    assert.equal(restarted.body.halt.eventId, poison.eventId);
    assert.equal(BigInt(restarted.body.checkpoint), poison.globalPosition - 1n);
  });

  it('takes a correction of that event only from an operator, only for the halted event, and only one the journal can apply', async () => {
    const corrected = { ...POISON, soldAt: `${DAY}T09:30:00+01:00` };
    const before = await allEvents();
    assert.equal((await post('/projections/journal/corrections', KEYS.finance, { eventId: poison.eventId, data: corrected, reason: 'POS sent +25:00 for +01:00' })).status, 403);
    const invalid = await post('/projections/journal/corrections', KEYS.ops, { eventId: 'r5', data: 'soldAt', reason: '' });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.error.fields.map((f: { path: string }) => f.path).sort(), ['data', 'eventId', 'reason']);
    const other = await post('/projections/journal/corrections', KEYS.ops, { eventId: randomUUID(), data: corrected, reason: 'wrong event' });
    assert.deepEqual([other.status, other.body.error.code], [409, 'NOT_THE_HALTED_EVENT']);
    // Free-form data holding a `constructor` key once answered 500 (class-transformer reads it as the class).
    const constructorKey = await post('/projections/journal/corrections', KEYS.ops, { eventId: randomUUID(), data: { ...corrected, constructor: {} }, reason: 'wrong event' });
    assert.deepEqual([constructorKey.status, constructorKey.body.error.code], [409, 'NOT_THE_HALTED_EVENT']);
    const notHalted = await post('/projections/finance_open_items/corrections', KEYS.ops, { eventId: poison.eventId, data: corrected, reason: 'not halted' });
    assert.deepEqual([notHalted.status, notHalted.body.error.code], [409, 'PROJECTION_NOT_HALTED']);
    const stillBad = await post('/projections/journal/corrections', KEYS.ops, {
      eventId: poison.eventId,
      data: { ...POISON, soldAt: `${DAY}T09:30:00-24:00` },
      reason: 'still wrong',
    });
    assert.deepEqual([stillBad.status, stillBad.body.error.code], [422, 'CORRECTION_DOES_NOT_APPLY']);
    assert.match(stillBad.body.error.message, /-24:00/);
    assert.deepEqual(await allEvents(), before, 'refused corrections record nothing');

    const recorded = await post('/projections/journal/corrections', KEYS.ops, { eventId: poison.eventId, data: corrected, reason: 'POS sent +25:00 for +01:00' });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.deepEqual(recorded.body.correction, {
      eventId: poison.eventId,
      streamId: 'gift-card-r5',
      revision: 0,
      type: 'GiftCardSold',
      data: corrected,
      reason: 'POS sent +25:00 for +01:00',
      haltedProjection: 'journal',
      error: (await journal()).halt.error,
    });
    const [stored] = await app.store.readStream(EVENT_CORRECTIONS_STREAM);
    assert.equal(stored.type, 'EventCorrected');
    assert.equal(stored.metadata.principal, 'operator');
    const [original] = await app.store.readStream('gift-card-r5');
    assert.deepEqual(original.data, POISON, 'the stored event is never rewritten');
    assert.equal((await journal()).state, 'halted', 'the correction takes effect at the restart');
  });

  it('resumes on restart with the corrected event, in its place, then the company closes with it and a rebuild matches', async () => {
    const restarted = await post('/projections/journal/restart', KEYS.ops);
    assert.equal(restarted.status, 200, JSON.stringify(restarted.body));
    assert.notEqual(restarted.body.state, 'halted');
    assert.equal(restarted.body.halt, undefined);
    await eventually(async () => (await journal()).eventsBehind === 0, 'the journal catches up');
    assert.equal((await journal()).state, 'live');

    const closed = await close('US01');
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    const detail = await call(app.base, 'GET', `/posting-batches/${closed.body.batchId}`, { key: KEYS.finance });
    assert.deepEqual(detail.body.entries.map((e: { sourceId: string }) => e.sourceId).sort(), ['r5', 'us-1', 'us-2'], 'the corrected sale is posted, dated by its corrected time');

    const report = (await app.app.get(ProjectionHost).rebuild(journalProjection.name))!;
    assert.equal(report.equal, true, 'a rebuild from position 0 applies the same correction in the same place');
  });
});
