/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest'] },
  // middy ships ES modules only; jest runs CommonJS, so middy is compiled like the project's code.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Integration and e2e tests start real servers; give them room on a 2-core machine.
  testTimeout: 30000,
  collectCoverageFrom: ['lib/**/*.ts', 'handlers/**/*.ts'],
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
