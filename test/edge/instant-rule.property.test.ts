import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { postGiftCardEvent, type RecordedGiftCardEvent } from '../../src/ledger/posting/gift-card-posting.rules';
import { postOrderEvent } from '../../src/ledger/posting/order-posting.rules';
import { orderContextOf, postingDateOf, type RecordedOrderEvent } from '../../src/ledger/posting/posting-source';
import { postRegisterCloseEvent, type RecordedRegisterCloseEvent } from '../../src/ledger/posting/register-close-posting.rules';
import { postSettlementEvent, type RecordedSettlementEvent } from '../../src/ledger/posting/settlement-posting.rules';
import type { OrderPlacedData } from '../../src/order/order.events';
import { isCalendarDate } from '../../src/time/calendar-date';
import { call, grpcErrorBody } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { TEST_KEYS } from '../support/test-keys';
import { idsFor, startWriteApp, type WriteApp, WRITE_ROUTES, type WriteRoute } from '../support/write-routes';

/** Every business time of every command, and the calendar dates (posting days) beside them. */
const TIMED = WRITE_ROUTES.flatMap((route) => [
  ...route.times.map((path) => ({ route, path, kind: 'instant' as const })),
  ...(route.dates ?? []).map((path) => ({ route, path, kind: 'date' as const })),
]);

const digits = (length: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(length, '0'));

/** Timestamps near and across every edge of the rule, some well formed, most almost so. */
const timestamp = fc
  .tuple(
    fc.oneof(digits(4, 9999), fc.constantFrom('0000', '0001', '1900', '2000', '2028', '9999')),
    digits(2, 13),
    digits(2, 32),
    digits(2, 25),
    digits(2, 61),
    digits(2, 61),
    fc.option(
      fc.integer({ min: 0, max: 9_999_999_999 }).map((n) => `.${n}`),
      { nil: '' },
    ),
    fc.oneof(
      fc.constantFrom('Z', 'z', '', '+00:00', '-00:00'),
      fc.tuple(fc.constantFrom('+', '-'), digits(2, 26), digits(2, 61)).map(([sign, h, m]) => `${sign}${h}:${m}`),
    ),
  )
  .map(([y, mo, d, h, mi, s, fraction, offset]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);

const calendarDate = fc.tuple(digits(4, 9999), digits(2, 13), digits(2, 32)).map(([y, m, d]) => `${y}-${m}-${d}`);

const NOTABLE = [
  '2026-11-27T09:30:00+25:00',
  '2026-11-27T09:30:00-24:00',
  '2026-11-27T09:30:00+14:00',
  '2026-11-27T09:30:00-14:00',
  '2026-11-27T09:30:00+14:01',
  '2026-12-31T23:59:60Z',
  '2026-02-29T10:00:00Z',
  '2028-02-29T10:00:00Z',
  '9999-12-31T23:59:59-00:01',
  '0001-01-01T00:00:00+00:01',
  '2026-11-27T10:00Z',
  '2026-11-27',
];

function setAt(body: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  const holder = keys.slice(0, -1).reduce((node, key) => node[key], body);
  holder[keys.at(-1)!] = value;
}

/** A promotion's window must still open before it closes; any other refusal but a 400 on the field is a failure. */
function refusedForItsWindow(route: WriteRoute, path: string, code: string | undefined): boolean {
  return route.name === 'DefinePromotion' && path.startsWith('window.') && code === 'INVALID_WINDOW';
}

/** What the journal and the finance views do with an event: every posting day must be a calendar date. */
function postingDaysOf(event: RecordedEvent, placed: OrderPlacedData | undefined): string[] {
  const days = (postings: ReturnType<typeof postOrderEvent>) => postings.map((p) => (p.ok ? p.entry.postingDate : p.error.postingDate)).filter((d): d is string => d !== null);
  if (event.streamId.startsWith('order-')) return days(postOrderEvent(event as RecordedOrderEvent, placed && orderContextOf(placed)));
  if (event.streamId.startsWith('gift-card-')) return days(postGiftCardEvent(event as RecordedGiftCardEvent));
  if (event.streamId.startsWith('register-close-')) return days(postRegisterCloseEvent(event as RecordedRegisterCloseEvent));
  if (event.streamId.startsWith('settlement-')) return days(postSettlementEvent(event as RecordedSettlementEvent));
  // Promotion cost is dated by each fact's own time.
  const at = (event.data as { at?: unknown }).at;
  return typeof at === 'string' ? [postingDateOf(at)] : [];
}

describe('one instant rule at every edge: what a command accepts, the ledger can post; what it refuses is a 400 naming the field', () => {
  const dir = tempDir('instant-rule');
  let app: WriteApp;
  let run = 0;
  before(async () => {
    app = await startWriteApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('covers every command that takes a time', () => {
    const named = new Set(TIMED.map((t) => t.route.name));
    assert.deepEqual(
      WRITE_ROUTES.filter((r) => !named.has(r.name)).map((r) => r.name),
      [],
    );
  });

  it('holds for generated times over HTTP and gRPC', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TIMED),
        fc.boolean(),
        fc.oneof(fc.constantFrom(...NOTABLE), timestamp, calendarDate, fc.string({ maxLength: 40 })),
        async ({ route, path, kind }, overGrpc, generated) => {
          const text = kind === 'date' ? (/^\d{4}-\d{2}-\d{2}/.exec(generated)?.[0] ?? generated) : generated;
          const ids = idsFor(`i${run++}`);
          await app.prepare(route, ids);
          const body = route.body(ids);
          setAt(body, path, text);
          const [head] = await app.store.readAll({ direction: 'backwards', maxCount: 1 });
          let fields: Array<{ path: string }> | undefined;
          let code: string | undefined;
          let accepted: boolean;
          if (overGrpc) {
            const { error } = await app.grpcCall(route, ids, body);
            accepted = !error;
            if (error) {
              const problem = grpcErrorBody(error)?.error;
              [fields, code] = [problem?.fields, problem?.code];
              if (!refusedForItsWindow(route, path, code)) assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT, `${route.name} ${path}=${JSON.stringify(text)}: ${error.details}`);
            }
          } else {
            const answer = await app.http(route, ids, body);
            accepted = answer.status === 201;
            if (!accepted) {
              [fields, code] = [answer.body.error.fields, answer.body.error.code];
              if (!refusedForItsWindow(route, path, code)) assert.equal(answer.status, 400, `${route.name} ${path}=${JSON.stringify(text)}: ${JSON.stringify(answer.body)}`);
            }
          }
          if (!accepted) {
            if (!refusedForItsWindow(route, path, code)) assert.deepEqual([...new Set(fields?.map((f) => f.path))], [path], `${route.name} ${JSON.stringify(text)}`);
            return;
          }
          const written = await app.store.readAll({ fromPosition: head ? head.globalPosition + 1n : 0n });
          assert.ok(written.length > 0, `${route.name} accepted ${JSON.stringify(text)} and wrote nothing`);
          for (const event of written) {
            const placed = event.streamId.startsWith('order-') ? ((await app.store.readStream(event.streamId, { maxCount: 1 }))[0]?.data as OrderPlacedData) : undefined;
            for (const day of postingDaysOf(event, placed)) assert.ok(isCalendarDate(day), `${route.name} ${path}=${JSON.stringify(text)} posts on ${day}`);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('leaves every projection live and caught up', async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await call(app.base, 'GET', '/projections', { key: TEST_KEYS.ops });
      const behind = body.projections.filter((p: { state: string; eventsBehind: number }) => p.state !== 'live' || p.eventsBehind > 0);
      if (behind.length === 0) return;
      assert.ok(
        behind.every((p: { state: string }) => p.state === 'live' || p.state === 'catching-up'),
        `a projection stopped: ${JSON.stringify(behind)}`,
      );
      assert.ok(Date.now() < deadline, `projections still behind: ${JSON.stringify(behind)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
