import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { DEFAULT_ERP_RESILIENCE } from '../../../src/erp/connector/erp-target-resilience';
import { ErpTargetSettingsError, parseErpTargets } from '../../../src/erp/connector/erp-target-settings';

const TARGETS = [
  {
    erp: 'sap',
    target: 'sap-eu',
    url: 'https://my000000-api.s4hana.cloud.sap/',
    user: 'LB_COMM',
    password: 'pw-sap-secret',
    callbackUser: 'SAP_OUT',
    callbackPassword: 'pw-callback-secret',
    resilience: { maxInFlight: 2 },
  },
  {
    erp: 'netsuite',
    target: 'netsuite',
    url: 'https://1234567-sb1.suitetalk.api.netsuite.com',
    accountId: '1234567_SB1',
    auth: { kind: 'm2m', clientId: 'c', certificateId: 'k', privateKey: 'pem-private-secret' },
  },
  {
    erp: 'd365',
    target: 'd365',
    url: 'https://contoso.operations.dynamics.com',
    tokenUrl: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
    clientId: 'app',
    clientSecret: 'pw-d365-secret',
  },
];

describe('ERP target settings', () => {
  it('reads every target, filling defaults: resilience, D365 scope, NetSuite token URL', () => {
    const [sap, netsuite, d365] = parseErpTargets(TARGETS, 'ERP_TARGETS');
    assert.equal(sap.url, 'https://my000000-api.s4hana.cloud.sap');
    assert.deepEqual(sap.resilience, { ...DEFAULT_ERP_RESILIENCE, maxInFlight: 2 });
    assert.equal(d365.erp === 'd365' && d365.scope, 'https://contoso.operations.dynamics.com/.default');
    assert.equal(
      netsuite.erp === 'netsuite' && netsuite.auth.kind === 'm2m' && netsuite.auth.tokenUrl,
      'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
    );
    assert.equal(sap.erp === 'sap' && sap.password.reveal(), 'pw-sap-secret');
  });

  it('shows no secret in JSON, string conversion or inspection (what logs and error messages use)', () => {
    const settings = parseErpTargets(TARGETS, 'ERP_TARGETS');
    for (const shown of [JSON.stringify(settings), inspect(settings, { depth: 10 }), `${settings.map((s) => Object.values(s).join(' ')).join(' ')}`]) {
      assert.doesNotMatch(shown, /secret/, shown);
      assert.match(shown, /\[redacted\]/);
    }
  });

  it('lists every problem with its path, and never the value of a secret', () => {
    const broken = [
      { ...TARGETS[0], url: 'https://user:pw-in-url@sap.example', password: 42, resilience: { maxInFlight: 0, breakEvenly: 3 } },
      { ...TARGETS[1], auth: { kind: 'oauth1' } },
      { ...TARGETS[2], target: 'sap-eu', scopes: 'x' },
      { erp: 'oracle' },
    ];
    assert.throws(
      () => parseErpTargets(broken, 'ERP_TARGETS'),
      (error: unknown) => {
        assert.ok(error instanceof ErpTargetSettingsError);
        assert.deepEqual(error.problems, [
          '[0].url: must be an http(s) URL without credentials or query',
          '[0].resilience.breakEvenly: unknown field',
          '[0].resilience.maxInFlight: must be a whole number >= 1',
          '[0].password: must be a non-empty string',
          '[1].auth: must be {"kind": "tba", ...} or {"kind": "m2m", ...}',
          '[2].scopes: unknown field',
          '[3].erp: must be one of sap, netsuite, d365',
          '[2].target: "sap-eu" is used twice',
        ]);
        assert.doesNotMatch(error.message, /pw-in-url|42/);
        return true;
      },
    );
    assert.throws(() => parseErpTargets({}, 'ERP_TARGETS'), /ERP targets in ERP_TARGETS are invalid:\n {2}must be a JSON array of targets/);
  });
});
