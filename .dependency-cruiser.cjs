/**
 * The project's layers, checked by `npm test` (`npm run deps`). docs/architecture.md explains
 * them; in short:
 *
 *   handlers/ -> lib/<capability>/ -> the shared parts of lib/ -> nothing of the project
 *   adapters (lib/aws/, the Tencent client in lib/tencent/) depend on the ports they implement
 *   scripts/ and bench/ use lib/, never the reverse; tests use anything; nothing uses tests
 *   fakes/ (local stand-ins for providers: tests, the bench and the local stack use them) use lib/
 *
 * Around lib/, the parts that run on a developer's machine:
 *
 *   local-tencent/   the local Tencent (npm start, the simulator, tests, the bench): lib/ only
 *   fakes/           the local AWS fakes and Tencent's sample callbacks, shared by tests, the
 *                    bench and npm start: lib/ only
 *   scripts/         the commands; scripts/commands/ holds one entry point per npm script
 *   bench/           the benchmarks; bench/commands/ holds their entry points
 *
 * An entry point (a handler, a command) is loaded by Lambda, npm or the bench, never imported by
 * the code it runs; only tests import one.
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
 *   replay      replaying the bus's archive to a subscriber (EventBridge alone)
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
  'replay',
  'archive',
];
/** What each capability may not import: every capability above it, config and the adapters. */
const ABOVE = {
  privacy: ['events', 'outbox', 'ingest', 'tencent', 'callback', 'reconcile', 'replay', 'archive'],
  events: ['outbox', 'ingest', 'tencent', 'callback', 'reconcile', 'replay', 'archive'],
  outbox: ['events', 'ingest', 'tencent', 'callback', 'reconcile', 'replay', 'archive'],
  ingest: ['tencent', 'callback', 'reconcile', 'replay', 'archive'],
  tencent: ['privacy', 'events', 'outbox', 'ingest', 'callback', 'reconcile', 'replay', 'archive'],
  callback: ['tencent', 'reconcile', 'replay', 'archive'],
  reconcile: ['callback', 'replay', 'archive'],
  replay: ['privacy', 'events', 'outbox', 'ingest', 'tencent', 'callback', 'reconcile', 'archive'],
  archive: ['privacy', 'ingest', 'tencent', 'callback', 'reconcile', 'replay'],
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
      from: { path: '^(lib|handlers|scripts|bench|fakes|local-tencent)/' },
      to: { path: '^test/' },
    },
    {
      name: 'lib-knows-no-edge',
      comment:
        'lib/ is the domain and its adapters: it knows nothing of handlers, commands or the bench.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(handlers|scripts|bench|fakes|local-tencent)/' },
    },
    {
      name: 'nothing-imports-handlers',
      comment: 'A handler is an entry point that Lambda loads; only tests load one.',
      severity: 'error',
      from: { path: '^(lib|scripts|bench|fakes|local-tencent)/' },
      to: { path: '^handlers/' },
    },
    {
      name: 'no-function-generates-schemas',
      comment:
        'The JSON Schema generator loads the TypeScript compiler: tests, docs and packaging use it, never a function.',
      severity: 'error',
      from: { path: '^(lib|handlers)/', pathNot: '^lib/events/schema/' },
      to: { path: '^lib/events/schema/' },
    },
    {
      name: 'nothing-imports-commands',
      comment:
        'A command is an entry point (npm runs it): the code it runs lives in its part, beside it.',
      severity: 'error',
      from: { path: '^(lib|handlers|scripts|bench|fakes|local-tencent)/' },
      to: { path: '^(scripts|bench)/commands/' },
    },
    {
      name: 'local-parts-stand-alone',
      comment:
        'The local Tencent and the fakes are parts of their own: built on lib/, they know nothing of the commands or the bench that use them.',
      severity: 'error',
      from: { path: '^(fakes|local-tencent)/' },
      to: { path: '^(scripts|bench)/' },
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
