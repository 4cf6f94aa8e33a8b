import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { BatchExportInput } from '../../../src/erp/batch-export';
import { decimalJson } from '../../../src/erp/decimal-json';
import { NetSuiteConnector } from '../../../src/erp/netsuite/netsuite-connector';
import { netsuiteJournalEntryRecords } from '../../../src/erp/netsuite/netsuite-journal-entries';
import { NETSUITE_JOURNAL_ENTRY_PATH } from '../../../src/erp/netsuite/netsuite-rest';
import { tbaAuthorization, tbaBaseString, tbaSignature } from '../../../src/erp/netsuite/netsuite-tba';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { asBatch, M2M_KEYS, simulatorAdmin, simulatorSettings, targetSettings, workedExampleBatch } from '../connector-harness';

describe('NetSuite token-based authentication (OAuth 1.0a, HMAC-SHA256)', () => {
  it('signs the worked base string of the research notes to the known signature', () => {
    const base = tbaBaseString('PUT', 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/journalEntry/eid:LB-B1-E1?replace=line', {
      oauth_consumer_key: 'ck',
      oauth_token: 'tk',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: '1700000000',
      oauth_nonce: 'abc123',
      oauth_version: '1.0',
    });
    assert.equal(
      base,
      'PUT&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FjournalEntry%2Feid%3ALB-B1-E1&oauth_consumer_key%3Dck%26oauth_nonce%3Dabc123%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk%26oauth_version%3D1.0%26replace%3Dline',
    );
    assert.equal(tbaSignature(base, 'cs', 'ts'), '9wRsN1QaDMtNra6Sroczfn4cczt8f5ExWWDzqMpcWhc=');
  });

  it('leaves a default port out of the signed URL and keeps any other', () => {
    const oauth = { oauth_consumer_key: 'ck', oauth_token: 'tk', oauth_signature_method: 'HMAC-SHA256', oauth_timestamp: '1', oauth_nonce: 'n', oauth_version: '1.0' } as const;
    assert.equal(tbaBaseString('GET', 'https://Host.example:443/a', oauth), tbaBaseString('GET', 'https://host.example/a', oauth));
    assert.match(tbaBaseString('GET', 'http://127.0.0.1:4402/a', oauth), /^GET&http%3A%2F%2F127\.0\.0\.1%3A4402%2Fa&/);
  });
});

describe('NetSuite connector and simulator', () => {
  let workedExample: BatchExportInput;
  let simulator: ErpSimulator;
  let admin: ReturnType<typeof simulatorAdmin>;

  before(async () => {
    workedExample = await workedExampleBatch('netsuite-connector');
    simulator = await ErpSimulator.start(simulatorSettings());
    admin = simulatorAdmin(simulator);
  });
  after(() => simulator.close());

  /** A request signed like the connector signs, for what the connector never sends. */
  async function signed(method: 'PUT' | 'GET', path: string, body?: string, nonce?: string): Promise<{ status: number; body: any }> {
    const url = `${simulator.urls.netsuite}${path}`;
    const authorization = tbaAuthorization({
      method,
      url,
      realm: '1234567_SB1',
      consumerKey: 'ck-test',
      consumerSecret: 'cs-secret-1',
      tokenId: 'tk-test',
      tokenSecret: 'ts-secret-1',
      ...(nonce ? { nonce } : {}),
    });
    const response = await fetch(url, { method, headers: { authorization, 'content-type': 'application/json' }, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('reads back the tranId of every upserted record, which NetSuite also finds by its external id', async () => {
    const input = asBatch(workedExample, 1);
    const outcome = await new NetSuiteConnector(targetSettings(simulator, 'netsuite')).send(input, 1);
    assert.equal(outcome.outcome, 'acknowledged');
    const read = await signed('GET', `${NETSUITE_JOURNAL_ENTRY_PATH}/eid:US01-2026-11-28-1-2?fields=tranId,externalId`);
    assert.equal(read.status, 200);
    assert.equal(read.body.tranId, outcome.outcome === 'acknowledged' ? outcome.documents[1].documentNumber : '');
    assert.equal(read.body.externalId, 'US01-2026-11-28-1-2');
  });

  it('an upsert without replace=line adds the lines again, which is why the connector always replaces', async () => {
    const [first] = netsuiteJournalEntryRecords(asBatch(workedExample, 2));
    const path = `${NETSUITE_JOURNAL_ENTRY_PATH}/eid:${first.externalId}`;
    assert.equal((await signed('PUT', path, decimalJson(first.record))).status, 204);
    assert.equal((await signed('PUT', path, decimalJson(first.record))).status, 204);
    const appended = (await admin.documents('netsuite')).find((d) => d.key === first.externalId)!;
    assert.equal(appended.lines.length, 4, 'two lines sent twice');
    assert.equal((await signed('PUT', `${path}?replace=line`, decimalJson(first.record))).status, 204);
    assert.equal((await admin.documents('netsuite')).find((d) => d.key === first.externalId)!.lines.length, 2);
  });

  it("refuses an unbalanced record and an external id NetSuite cannot take, in NetSuite's error shape", async () => {
    const [first] = netsuiteJournalEntryRecords(asBatch(workedExample, 3));
    const unbalanced = JSON.parse(decimalJson(first.record));
    unbalanced.line.items[1].credit = 105.2;
    const refused = await signed('PUT', `${NETSUITE_JOURNAL_ENTRY_PATH}/eid:${first.externalId}?replace=line`, JSON.stringify(unbalanced));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body['o:errorDetails'][0], {
      detail: 'Error while accessing a resource. The transaction is out of balance: debits 105.19 and credits 105.20 USD.',
      'o:errorCode': 'USER_ERROR',
      'o:errorPath': 'line.items',
    });
    const colon = await signed('PUT', `${NETSUITE_JOURNAL_ENTRY_PATH}/eid:US01.2026-1?replace=line`, decimalJson(first.record));
    assert.equal(colon.status, 400);
    assert.equal(colon.body['o:errorDetails'][0]['o:errorCode'], 'INVALID_ID');
  });

  it('refuses a replayed nonce and a wrong token secret as INVALID_LOGIN; the connector says unauthorized without the secret', async () => {
    const path = `${NETSUITE_JOURNAL_ENTRY_PATH}/eid:US01-2026-11-28-1-1?fields=tranId`;
    assert.equal((await signed('GET', path, undefined, 'nonce-once')).status, 200);
    const replayed = await signed('GET', path, undefined, 'nonce-once');
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body['o:errorDetails'][0]['o:errorCode'], 'INVALID_LOGIN');
    const wrong = new NetSuiteConnector(
      targetSettings(
        simulator,
        'netsuite',
        {},
        { auth: { kind: 'tba', consumerKey: 'ck-test', consumerSecret: 'cs-secret-1', tokenId: 'tk-test', tokenSecret: 'leaked-if-shown-42' } },
      ),
    );
    const outcome = await wrong.send(asBatch(workedExample, 4), 1);
    assert.deepEqual(outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable, outcome.tries], ['unauthorized', false, 1]);
    assert.doesNotMatch(JSON.stringify(outcome), /leaked-if-shown-42/);
  });

  it('authenticates machine to machine: a PS256 assertion for a bearer token; a foreign key is refused at the token endpoint', async () => {
    const m2m = (privateKey: string) =>
      new NetSuiteConnector(targetSettings(simulator, 'netsuite', {}, { auth: { kind: 'm2m', clientId: 'm2m-client', certificateId: 'cert-1', privateKey } }));
    const outcome = await m2m(M2M_KEYS.privateKey).send(asBatch(workedExample, 5), 1);
    assert.equal(outcome.outcome, 'acknowledged', JSON.stringify(outcome));
    const foreign = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const refused = await m2m(foreign.privateKey).send(asBatch(workedExample, 6), 1);
    assert.deepEqual(refused.outcome === 'rejected' && [refused.reason, refused.retryable, refused.message], [
      'unauthorized',
      false,
      'the token endpoint refused the client: signature does not verify',
    ]);
  });

  it("answers 429 CONCURRENCY_LIMIT_EXCEEDED over the account's limit, which the connector retries", async () => {
    const settings = simulatorSettings();
    settings.netsuite.concurrencyLimit = 1;
    const tight = await ErpSimulator.start(settings);
    try {
      await simulatorAdmin(tight).fault({ erp: 'netsuite', kind: 'slow', delayMs: 100, times: 2 });
      const connector = new NetSuiteConnector(targetSettings(tight, 'netsuite', { maxInFlight: 2, retries: 5 }));
      const outcomes = await Promise.all([1, 2].map((n) => connector.send(asBatch(workedExample, n), 1)));
      assert.deepEqual(
        outcomes.map((o) => o.outcome),
        ['acknowledged', 'acknowledged'],
      );
      const limited = (await simulatorAdmin(tight).requests('netsuite')).filter((r) => r.fault === 'concurrency-limit');
      assert.ok(limited.length > 0 && limited.every((r) => r.status === 429), 'the second request at once was turned away');
    } finally {
      await tight.close();
    }
  });
});
