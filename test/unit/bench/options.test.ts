import { HELP, MIN_PUBLISHED_RUNS, parseBenchOptions } from '../../../bench/options';

describe('npm run bench options', () => {
  it('leaves README.md alone by default, even on a full run', () => {
    const options = parseBenchOptions([]);

    expect(options).toMatchObject({ runs: 21, writeReadme: false });
  });

  it('writes README.md only when told to with --write-readme', () => {
    expect(parseBenchOptions(['--write-readme'])?.writeReadme).toBe(true);
  });

  it.each([
    ['--only-size', ['--only-size']],
    ['--only cold', ['--only', 'cold']],
    [`fewer than ${MIN_PUBLISHED_RUNS} runs`, ['--runs', String(MIN_PUBLISHED_RUNS - 1)]],
  ])('refuses --write-readme before measuring a run too small to publish (%s)', (_label, args) => {
    expect(() => parseBenchOptions(['--write-readme', ...args])).toThrow(
      /--write-readme publishes only a full run .*; drop --write-readme to print this one/,
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

  it('prints the report only, without --write-readme, for a partial run', () => {
    expect(parseBenchOptions(['--only-size'])).toMatchObject({ only: 'size', writeReadme: false });
  });

  it('says in --help that README.md is written only with --write-readme', () => {
    expect(parseBenchOptions(['--help'])).toBeUndefined();
    expect(HELP).toContain('README.md is left alone unless --write-readme is given.');
    expect(HELP).toMatch(/--write-readme +also write the report into README\.md/);
    expect(HELP).not.toContain('--no-readme');
  });
});
