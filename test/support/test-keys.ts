import type { TestKey } from './test-app';

/** The callers the suites play: each key in plaintext (the app is configured with its hash) and its scopes. */
const CALLERS = {
  web: { name: 'web-shop', key: 'lbk_test-web-channel-key-0000000000000000000', scopes: ['channel:web:write'] },
  pos: { name: 'pos-eu', key: 'lbk_test-pos-channel-key-0000000000000000000', scopes: ['channel:pos:write'] },
  promotions: { name: 'marketing', key: 'lbk_test-promotions-key-00000000000000000000', scopes: ['promotions:write'] },
  settlements: { name: 'psp-importer', key: 'lbk_test-settlements-key-0000000000000000000', scopes: ['settlements:write'] },
  finance: { name: 'controller', key: 'lbk_test-finance-key-000000000000000000000', scopes: ['finance:read'] },
  audit: { name: 'auditor', key: 'lbk_test-auditor-key-000000000000000000000', scopes: ['audit:read'] },
  ops: { name: 'operator', key: 'lbk_test-ops-key-00000000000000000000000000', scopes: ['ops:admin'] },
  opsRead: { name: 'ops-viewer', key: 'lbk_test-ops-read-key-000000000000000000000', scopes: ['ops:read'] },
} as const satisfies Record<string, TestKey>;

/** Every caller, for `startTestApp({ keys })`. */
export const TEST_CALLERS: readonly TestKey[] = Object.values(CALLERS);

/** The plaintext key of each caller, as a test presents it. */
export const TEST_KEYS = Object.fromEntries(Object.entries(CALLERS).map(([caller, { key }]) => [caller, key])) as { readonly [Caller in keyof typeof CALLERS]: string };
