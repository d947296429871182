/**
 * The project's layers, checked by `npm test` (`npm run deps`). docs/architecture.md explains
 * them; in short:
 *
 *   handlers/ -> lib/<capability>/ -> the shared parts of lib/ -> nothing of the project
 *   adapters (lib/aws/, the Tencent client in lib/tencent/) depend on the ports they implement
 *   scripts/ and bench/ use lib/, never the reverse; tests use anything; nothing uses tests
 *   fakes/ (local stand-ins for providers: tests, the bench and the local stack use them) use lib/
 *
 * Within lib/, a capability imports only those below it, so no two folders import each other:
 *
 *   shared      json/ record/ errors.ts log.ts parameters.ts
 *   privacy     the redaction rule
 *   events      every kind of callback
 *   outbox      storing and publishing, the republisher
 *   ingest      the one path every callback takes in (events + outbox)
 *   tencent     Tencent's API: the port, its client, the wiring plan
 *   callback    the HTTP edge's domain (ingest)
 *   reconcile   recovery from Tencent's history (ingest + tencent)
 *   archive     recordings copied into S3 (outbox's publisher port; nothing above it)
 *   config      reads the environment, with each capability's defaults
 *   aws         the AWS adapters (any port); only handlers and commands build them
 */
const SHARED = '^lib/(json/|record/|errors\\.ts$|log\\.ts$|parameters\\.ts$)';
const CAPABILITIES = [
  'privacy',
  'events',
  'outbox',
  'ingest',
  'tencent',
  'callback',
  'reconcile',
  'archive',
];
/** What each capability may not import: every capability above it, config and the adapters. */
const ABOVE = {
  privacy: ['events', 'outbox', 'ingest', 'tencent', 'callback', 'reconcile', 'archive'],
  events: ['outbox', 'ingest', 'tencent', 'callback', 'reconcile', 'archive'],
  outbox: ['events', 'ingest', 'tencent', 'callback', 'reconcile', 'archive'],
  ingest: ['tencent', 'callback', 'reconcile', 'archive'],
  tencent: ['privacy', 'events', 'outbox', 'ingest', 'callback', 'reconcile', 'archive'],
  callback: ['tencent', 'reconcile', 'archive'],
  reconcile: ['callback', 'archive'],
  archive: ['privacy', 'ingest', 'tencent', 'callback', 'reconcile'],
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other, however far round, cannot be read one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-uses-tests',
      comment: 'Tests use anything; nothing uses tests (shared fakes live outside test/).',
      severity: 'error',
      from: { path: '^(lib|handlers|scripts|bench|fakes)/' },
      to: { path: '^test/' },
    },
    {
      name: 'lib-knows-no-edge',
      comment:
        'lib/ is the domain and its adapters: it knows nothing of handlers, commands or the bench.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(handlers|scripts|bench|fakes)/' },
    },
    {
      name: 'nothing-imports-handlers',
      comment: 'A handler is an entry point that Lambda loads; only tests load one.',
      severity: 'error',
      from: { path: '^(lib|scripts|bench|fakes)/' },
      to: { path: '^handlers/' },
    },
    {
      name: 'scripts-do-not-use-the-bench',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^bench/' },
    },
    {
      name: 'shared-stays-shared',
      comment: 'The shared parts of lib/ import nothing of the project but each other.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: '^lib/', pathNot: SHARED },
    },
    {
      name: 'capabilities-build-no-adapter',
      comment:
        'Capabilities speak to ports; the adapters in lib/aws are wired by handlers and commands.',
      severity: 'error',
      from: { path: `^lib/(${CAPABILITIES.join('|')}|config\\.ts$)` },
      to: { path: '^lib/aws/' },
    },
    {
      name: 'capabilities-import-no-config',
      comment: 'Configuration is read at the edge (handlers, commands) and passed in.',
      severity: 'error',
      from: { path: `^lib/(${CAPABILITIES.join('|')})/` },
      to: { path: '^lib/config\\.ts$' },
    },
    ...Object.entries(ABOVE).map(([capability, above]) => ({
      name: `${capability}-imports-only-below`,
      comment: `lib/${capability} may not import ${above.join(', ')} (see the order above).`,
      severity: 'error',
      from: { path: `^lib/${capability}/` },
      to: { path: `^lib/(${above.join('|')})/` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.serverless|\\.esbuild|coverage|\\.scratch)/' },
    // Type-only imports count: a type is a dependency a reader follows too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
