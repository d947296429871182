import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PROJECT_DIR = join(__dirname, '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require(join(PROJECT_DIR, 'jest.config.js')) as {
  collectCoverageFrom?: string[];
  coverageThreshold?: Record<string, Record<string, number>>;
};
const manifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

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
