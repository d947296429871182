/**
 * What every project shares. lib/ and handlers/ hold no tests, but coverage counts only files
 * under a project's roots: without them, a file no test loads would not count (as 0%) against
 * the floor below.
 */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest'] },
  // middy and github-slugger ship ES modules only; jest runs CommonJS, so they are compiled like
  // the project's code.
  transformIgnorePatterns: ['/node_modules/(?!@middy/|github-slugger/)'],
  // A test that changes process.env has it back afterwards (test/support/restore-env.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/restore-env.ts'],
};

/** One project per kind of test, so a developer can run the fast ones alone (`npm run test:unit`). */
const project = (name) => ({
  ...common,
  displayName: name,
  roots: [`<rootDir>/test/${name}`, '<rootDir>/lib', '<rootDir>/handlers'],
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // Pure code: no network, no process, no real time.
    project('unit'),
    // Handlers, adapters and commands against real local servers, in the test's process.
    project('integration'),
    // The local stack over HTTP: `npm start` in a process of its own, its commands in others.
    project('e2e'),
  ],
  // Integration and e2e tests start real servers; give them room on a 2-core machine shared with
  // others (jest reads the timeout for the whole run, not per project). A test that waits for
  // more says so itself.
  testTimeout: 30_000,
  // The AWS SDK's Node.js version warning: one line per run instead of one per test file.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // `npm test` runs `jest --coverage`, so these floors apply to every full run; `npx jest <files>`
  // and `npm run test:unit` (one project) collect no coverage (a few files would be under any
  // floor). The babel provider (jest's default) costs little over an uncovered run; the v8
  // provider cost far more CPU on this suite. With projects, the coverage options are the run's,
  // set here. The code of handlers run by the local stack (e2e) runs in other processes and is
  // not counted.
  collectCoverageFrom: ['lib/**/*.ts', 'handlers/**/*.ts'],
  coverageReporters: ['text-summary'],
  // Just under what the suite covers, every file of lib/ and handlers/ counted (a file only the
  // bundles load, such as lib/aws/lambda-credentials.ts, counts as 0): a change that leaves code
  // untested fails the run. Raise them as tests grow; never lower them to make a run pass.
  coverageThreshold: {
    './lib/': { lines: 97, statements: 96, branches: 92, functions: 94 },
    './handlers/': { lines: 98, statements: 97, branches: 84, functions: 90 },
  },
};
