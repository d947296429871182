import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_DIR, readManifest } from '../../support/project';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require(join(PROJECT_DIR, 'jest.config.js')) as {
  projects: { displayName: string; testMatch: string[] }[];
};
const manifest = readManifest();

function testFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(PROJECT_DIR, path)] : [];
  });
}

describe('the test projects', () => {
  const names = ['unit', 'integration', 'e2e'];

  it('are unit, integration and e2e, each with the npm script that runs it alone', () => {
    expect(jestConfig.projects.map(({ displayName }) => displayName)).toEqual(names);
    for (const name of names) {
      expect(manifest.scripts[`test:${name}`]).toBe(`jest --selectProjects ${name}`);
    }
  });

  it('leave no test file out: each one is in the folder of a project, which npm test runs', () => {
    const files = testFiles(join(PROJECT_DIR, 'test'));
    const outside = files.filter((file) => !names.some((name) => file.startsWith(`test/${name}/`)));

    expect(files.length).toBeGreaterThan(100);
    expect(outside).toEqual([]);
    expect(manifest.scripts.test).not.toMatch(/--selectProjects/);
  });
});

describe('the files the npm scripts and CI run', () => {
  // A file moved without its caller is only noticed where the caller runs: CI's Node 24 step
  // runs after the suite, so a stale path there failed CI with every test green.
  const ciScript = readFileSync(join(PROJECT_DIR, '.ci', 'run'), 'utf8');
  const named = [ciScript, ...Object.values(manifest.scripts)].flatMap((text) =>
    [...text.matchAll(/(?:^|[\s"'(])((?:scripts|bench)\/[\w./-]+\.(?:ts|js))/g)].map(
      ([, path]) => path as string,
    ),
  );

  it('name files that exist', () => {
    expect(named).toContain('scripts/build/lambda-node.ts');
    expect(named.filter((path) => !existsSync(join(PROJECT_DIR, path)))).toEqual([]);
  });
});
