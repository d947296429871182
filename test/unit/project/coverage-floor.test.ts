import { join } from 'node:path';
import { PROJECT_DIR, readManifest } from '../../support/project';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require(join(PROJECT_DIR, 'jest.config.js')) as {
  collectCoverageFrom?: string[];
  coverageThreshold?: Record<string, Record<string, number>>;
};
const manifest = readManifest();

describe('the coverage floor', () => {
  it('applies to npm test: it runs jest with --coverage', () => {
    expect(manifest.scripts.test).toMatch(/(^|&& )jest( [^&]*)? --coverage\b/);
  });

  it('is set for lib/ and handlers/, on lines, statements, branches and functions', () => {
    const floors = jestConfig.coverageThreshold ?? {};

    for (const directory of ['./lib/', './handlers/']) {
      expect(Object.keys(floors[directory] ?? {}).sort()).toEqual([
        'branches',
        'functions',
        'lines',
        'statements',
      ]);
    }
    expect(jestConfig.collectCoverageFrom).toEqual(['lib/**/*.ts', 'handlers/**/*.ts']);
  });
});
