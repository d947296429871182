import { TencentAuthError } from '../../../../lib/tencent/errors';
import {
  defineCommand,
  defineCommandGroup,
  parseOptions,
  type Command,
} from '../../../../scripts/cli/command';
import { CliError, UsageError } from '../../../../scripts/cli/errors';
import { positiveNumber, ratio, wholeNumber } from '../../../../scripts/cli/values';
import { runCommand } from '../../../support/run-command';

/** A command whose run does what a test asks, through its --do option. */
const sample = defineCommand({
  summary: 'Does what it is told.',
  usage: ['npm run sample -- --do WHAT [--times N]...'],
  options: {
    do: { type: 'string', value: 'WHAT', help: 'succeed | fail | misuse | refuse | crash' },
    times: { type: 'string', value: 'N', multiple: true, help: 'repeatable\nsecond line' },
    quiet: { type: 'boolean', help: 'say nothing' },
  },
  notes: 'Notes come last.',
  run: async ({ values }, io, hooks: { seen?: string[] }) => {
    hooks.seen?.push(values.do ?? 'nothing');
    switch (values.do) {
      case 'succeed':
        if (!values.quiet) io.out(`done ${(values.times ?? []).join(',')}`);
        return 0;
      case 'fail':
        throw new CliError('The thing is not there: create it first');
      case 'misuse':
        throw new UsageError('--do misuse is not allowed.');
      case 'refuse':
        throw new TencentAuthError('AuthFailure.SignatureFailure', 'DescribeLiveCallbackRules');
      default:
        throw new TypeError('a bug');
    }
  },
});

const run = <H extends object>(command: Command<H>, argv: string[], hooks?: H) =>
  runCommand(command, argv, { hooks });

describe('a command', () => {
  it('prints its usage, made from its options, for --help and -h, and exits 0', async () => {
    for (const help of ['--help', '-h']) {
      const { code, out, err } = await run(sample, [help]);

      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toBe(sample.usage());
    }
    expect(sample.usage()).toBe(
      [
        'Does what it is told.',
        '',
        'Usage: npm run sample -- --do WHAT [--times N]...',
        '',
        '  --do WHAT   succeed | fail | misuse | refuse | crash',
        '  --times N   repeatable',
        '              second line',
        '  --quiet     say nothing',
        '  -h, --help  show this help',
        '',
        'Notes come last.',
      ].join('\n'),
    );
  });

  it('runs with its options read, repeatable ones as arrays, and exits with what it returns', async () => {
    const seen: string[] = [];

    const { code, out } = await run(sample, ['--do', 'succeed', '--times', '1', '--times=2'], {
      seen,
    });

    expect(code).toBe(0);
    expect(out).toBe('done 1,2');
    expect(seen).toEqual(['succeed']);
  });

  it.each([
    [['--bogus'], 'Unknown option --bogus.'],
    [['-x'], 'Unknown option -x.'],
    [['--do'], '--do needs a value.'],
    [['--quiet=yes'], '--quiet takes no value.'],
    [['extra'], 'Unexpected argument "extra".'],
    [['--do', 'misuse'], '--do misuse is not allowed.'],
  ])('exits 2 for %j, saying what is wrong, then the usage', async (argv, message) => {
    const seen: string[] = [];

    const { code, out, err } = await run(sample, argv, { seen });

    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${message}\n\n${sample.usage()}`);
  });

  it('runs nothing when the command line is wrong', async () => {
    const seen: string[] = [];

    await run(sample, ['--do', 'succeed', '--bogus'], { seen });

    expect(seen).toEqual([]);
  });

  it.each([
    ['fail', 'The thing is not there: create it first'],
    ['refuse', 'Tencent refused the credentials (AuthFailure.SignatureFailure)'],
  ])('exits 1 with one line when what was asked failed (%s)', async (what, line) => {
    const { code, out, err } = await run(sample, ['--do', what]);

    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(line);
  });

  it('names the variable to check when Tencent refuses the credentials', async () => {
    const { err } = await run(sample, ['--do', 'refuse']);

    expect(err).toContain('TENCENTCLOUD_SECRET_KEY');
  });

  it('lets a bug through, for runMain to show with its stack', async () => {
    await expect(run(sample, ['--do', 'crash'])).rejects.toThrow(new TypeError('a bug'));
  });
});

describe('a group of commands', () => {
  const other = defineCommand({
    summary: 'Another.',
    usage: ['npm run sample -- other --where W'],
    options: { where: { type: 'string', value: 'W', help: 'where' } },
    run: async ({ values }, io) => {
      io.out(`other at ${values.where ?? 'nowhere'}`);
      return 0;
    },
  });
  const group = defineCommandGroup({
    summary: 'Two commands.',
    name: 'npm run sample --',
    commands: { first: sample, other },
  });

  it('runs the command its first argument names, wherever the options stand', async () => {
    expect(await run(group, ['--where', 'first', 'other'])).toEqual({
      code: 0,
      out: 'other at first',
      err: '',
    });
    expect((await run(group, ['first', '--do', 'succeed', '--quiet'])).code).toBe(0);
  });

  it('lists its commands for --help, and explains one for --help after its name', async () => {
    const all = await run(group, ['--help']);
    const one = await run(group, ['other', '--help']);

    expect(all.code).toBe(0);
    expect(all.out).toContain('Usage: npm run sample -- --do WHAT [--times N]...');
    expect(all.out).toContain('       npm run sample -- other --where W');
    expect(one).toEqual({ code: 0, out: other.usage(), err: '' });
  });

  it.each([
    [[], 'Give a command: first or other.'],
    [['third'], 'Unknown command "third": use first or other.'],
    [['--bogus'], 'Unknown option --bogus.'],
  ])('exits 2 with the usage for %j', async (argv, message) => {
    const { code, err } = await run(group, argv);

    expect(code).toBe(2);
    expect(err).toBe(`${message}\n\n${group.usage()}`);
  });

  it("exits 2 with the command's usage for an option the command does not take", async () => {
    const { code, err } = await run(group, ['other', '--do', 'succeed']);

    expect(code).toBe(2);
    expect(err).toBe(`Unknown option --do.\n\n${other.usage()}`);
  });
});

describe('parseOptions', () => {
  it('reads declared options and --help, and refuses anything else as a usage error', () => {
    const options = { runs: { type: 'string', help: 'runs' } } as const;

    expect(parseOptions(['--runs', '3'], options).values).toEqual({ runs: '3' });
    expect(parseOptions(['--help'], options).values.help).toBe(true);
    expect(() => parseOptions(['--walks', '3'], options)).toThrow(UsageError);
    expect(() => parseOptions(['--walks', '3'], options)).toThrow('Unknown option --walks.');
  });
});

describe('option values', () => {
  it.each([
    [
      () => wholeNumber('--files', '0', { min: 1, max: 100 }),
      '--files must be a whole number from 1 to 100, not "0".',
    ],
    [
      () => wholeNumber('--total', '2.5', { min: 1 }),
      '--total must be a whole number of at least 1, not "2.5".',
    ],
    [
      () => positiveNumber('--speed', '0', { max: 100_000 }),
      '--speed must be a number above 0 and at most 100000, not "0".',
    ],
    [
      () => ratio('--duplicates', '1'),
      '--duplicates must be a ratio from 0 up to (not including) 1, not "1".',
    ],
  ])('refuses a value out of range, naming the option and what it takes (%#)', (read, message) => {
    expect(read).toThrow(new UsageError(message));
  });

  it('reads a value in range, and nothing when none was given', () => {
    expect(wholeNumber('--files', '100', { min: 1, max: 100 })).toBe(100);
    expect(positiveNumber('--speed', '0.5', { max: 10 })).toBe(0.5);
    expect(ratio('--duplicates', '0')).toBe(0);
    expect(wholeNumber('--files', undefined, { min: 1 })).toBeUndefined();
  });
});
