/**
 * The layering every `npm test` checks (see README "Layout"). Paths are relative to the repo.
 * Type-only imports count too (tsPreCompilationDeps): the pure core may not even name a
 * framework type.
 */
const PURE_CORE = [
  '^src/(money|ledger|time)/',
  '\\.(decide|evolve|events|commands|state)\\.ts$',
  '^sagas/(fulfillment|refund|channel-order)/',
  '^sagas/runtime/saga-definition\\.ts$',
];
const FRAMEWORKS = '(^|/)node_modules/(@nestjs|@grpc|better-sqlite3|@eventstore|rxjs|class-validator|class-transformer|fastify|pino[^/]*)/';
const EDGE_BELOW = '^src/(access|errors|idempotency|transport|observability)/';
const SLICES = '^src/(order|promotion|settlement|gift-card|channels|payments)/';

module.exports = {
  forbidden: [
    {
      name: 'pure-core-is-framework-free',
      comment: 'Money, ledger rules, time, deciders and saga definitions reach no framework, transport, storage or file system, directly or through another module.',
      severity: 'error',
      from: { path: PURE_CORE },
      to: { path: FRAMEWORKS, reachable: true },
    },
    {
      name: 'pure-core-touches-no-files',
      severity: 'error',
      from: { path: PURE_CORE },
      to: { path: '^(node:)?(fs|fs/promises|worker_threads|child_process|net|http|https|http2)$', reachable: true },
    },
    {
      name: 'src-reaches-read-side-and-sagas-only-from-the-composition-root',
      comment: 'src/ is the domain, edges and runtime; only the composition root (app.module) and the CLI assemble projections/ and sagas/ into it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app\\.module\\.ts|cli/)' },
      to: { path: '^(projections|sagas)/' },
    },
    {
      name: 'projections-and-sagas-are-independent',
      severity: 'error',
      from: { path: '^projections/' },
      to: { path: '^sagas/' },
    },
    {
      name: 'sagas-and-projections-are-independent',
      severity: 'error',
      from: { path: '^sagas/' },
      to: { path: '^projections/' },
    },
    {
      name: 'edge-plumbing-does-not-import-the-edge',
      comment: 'access, errors, idempotency, transport and observability sit below edge/, which composes them.',
      severity: 'error',
      from: { path: EDGE_BELOW },
      to: { path: '^src/edge/' },
    },
    {
      name: 'edge-plumbing-knows-no-business-slice',
      severity: 'error',
      from: { path: [EDGE_BELOW, '^src/edge/', '^src/config/', '^src/runtime/', '^src/event-store/'] },
      to: { path: SLICES },
    },
    {
      name: 'no-circular',
      comment: 'Modules form layers; a cycle means two of them are one concern or one points the wrong way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'product-code-never-imports-tests-or-benchmarks',
      severity: 'error',
      from: { path: '^(src|projections|sagas)/' },
      to: { path: '^(test|bench|demo)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-[^/]+)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
