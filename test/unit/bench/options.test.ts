import { HELP, MIN_PUBLISHED_RUNS, parseBenchOptions } from '../../../bench/options';

describe('npm run bench options', () => {
  it('leaves docs/performance.md alone by default, even on a full run', () => {
    const options = parseBenchOptions([]);

    expect(options).toMatchObject({ runs: 21, writeDocs: false });
  });

  it('writes docs/performance.md only when told to with --write-docs', () => {
    expect(parseBenchOptions(['--write-docs'])?.writeDocs).toBe(true);
  });

  it.each([
    ['--only-size', ['--only-size']],
    ['--only cold', ['--only', 'cold']],
    [`fewer than ${MIN_PUBLISHED_RUNS} runs`, ['--runs', String(MIN_PUBLISHED_RUNS - 1)]],
  ])('refuses --write-docs before measuring a run too small to publish (%s)', (_label, args) => {
    expect(() => parseBenchOptions(['--write-docs', ...args])).toThrow(
      /--write-docs publishes only a full run .*; drop --write-docs to print this one/,
    );
  });

  it('measures on Node 24 too by default, fetched unless a binary is given, or not at all', () => {
    expect(parseBenchOptions([])).toMatchObject({ node24: true, codeCache: true });
    expect(parseBenchOptions(['--node24', '/opt/node24/bin/node'])?.node24).toBe(
      '/opt/node24/bin/node',
    );
    expect(parseBenchOptions(['--no-node24'])?.node24).toBe(false);
    expect(parseBenchOptions(['--no-code-cache'])?.codeCache).toBe(false);
  });

  it('prints the report only, without --write-docs, for a partial run', () => {
    expect(parseBenchOptions(['--only-size'])).toMatchObject({ only: 'size', writeDocs: false });
  });

  it('says in --help that docs/performance.md is written only with --write-docs', () => {
    expect(parseBenchOptions(['--help'])).toBeUndefined();
    expect(HELP).toContain('docs/performance.md is left alone unless --write-docs is given.');
    expect(HELP).toMatch(/--write-docs +also write the report into docs\/performance\.md/);
    expect(HELP).not.toContain('--no-readme');
  });
});
