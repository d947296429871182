/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Integration and e2e tests start real servers; give them room on a 2-core machine.
  testTimeout: 30000,
  collectCoverageFrom: ['lib/**/*.ts', 'handlers/**/*.ts'],
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
