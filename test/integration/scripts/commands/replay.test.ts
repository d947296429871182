import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_AWS_CREDENTIALS } from '../../../../fakes/credentials';
import { startLocalEventBridge, type LocalEventBridge } from '../../../../fakes/eventbridge';
import { replayCommand } from '../../../../scripts/commands/replay';
import { runCommand } from '../../../support/run-command';
import { writeRunningStack } from '../../../support/running-stack';

/*
 * `npm run replay` against a local EventBridge that serves the actions it uses, with
 * EventBridge's error shapes: a deployed stage's bus (prod), its archive and rules. The SDK finds
 * it through AWS_ENDPOINT_URL_EVENTBRIDGE, as it would find a real endpoint.
 */

let bus: LocalEventBridge;
const BUS = 'tencent-css-recordings-prod';

beforeAll(async () => {
  bus = await startLocalEventBridge();
  bus.control.buses.add(BUS);
  bus.control.archives.set(BUS, [{ name: `${BUS}-archive`, retentionDays: 90 }]);
  bus.control.rules.set(BUS, ['my-subscriber', 'example-subscriber']);
});

afterAll(async () => {
  await bus.stop();
});

beforeEach(() => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  });
  bus.control.replayEnd = { state: 'COMPLETED' };
});

/** Runs the command as `npm run replay -- <args>` would, no local stack running. */
function replay(...args: string[]) {
  return runCommand(replayCommand, ['--stage', 'prod', ...args], {
    env: { ...process.env, LOCAL_STATE_FILE: '/nonexistent/local-state.json' },
    hooks: { sleep: async () => undefined },
  });
}

it('replays the window to the rule, shows its progress, and exits 0 when it completed', async () => {
  const before = bus.control.replays.length;

  const { code, out } = await replay('--rule', 'my-subscriber', '--since', '2d');

  expect(code).toBe(0);
  expect(bus.control.replays).toHaveLength(before + 1);
  expect(bus.control.replays.at(-1)?.Destination.FilterArns).toEqual([
    expect.stringMatching(/rule\/tencent-css-recordings-prod\/my-subscriber$/),
  ]);
  expect(out).toMatch(/to rule my-subscriber: events from .* to .*, as my-subscriber-/);
  expect(out).toMatch(/RUNNING 50% \(events up to /);
  expect(out).toMatch(/Replay my-subscriber-\S+ completed\.$/);
});

it("exits 1 with EventBridge's reason when the replay fails", async () => {
  bus.control.replayEnd = {
    state: 'FAILED',
    reason: 'Archive tencent-css-recordings-prod-archive is being deleted.',
  };

  const { code, err } = await replay('--rule', 'my-subscriber', '--since', '6h');

  expect(code).toBe(1);
  expect(err).toMatch(
    /^Replay my-subscriber-\S+ failed: Archive tencent-css-recordings-prod-archive is being deleted\.$/,
  );
});

it('with --dry-run says what it would replay, and starts nothing', async () => {
  const before = bus.control.replays.length;

  const { code, out } = await replay('--rule', 'my-subscriber', '--since', '3d', '--dry-run');

  expect(code).toBe(0);
  expect(out).toMatch(
    /Replay of archive tencent-css-recordings-prod-archive \(kept 90 days\) to rule my-subscriber/,
  );
  expect(out).toContain('Dry run: nothing was started.');
  expect(bus.control.replays).toHaveLength(before);
});

it.each([
  [
    'an unknown rule, named',
    ['--rule', 'no-such-rule', '--since', '2d'],
    1,
    /^No rule no-such-rule on the bus tencent-css-recordings-prod: npm run replay -- --list-rules lists them$/,
  ],
  [
    'a window the wrong way round',
    ['--rule', 'my-subscriber', '--since', '1h', '--until', '2h'],
    2,
    /is not after --since/,
  ],
  [
    'a time that is not one',
    ['--rule', 'my-subscriber', '--since', 'yesterday'],
    2,
    /--since "yesterday" is not a time/,
  ],
  ['no rule and no --all-rules', ['--since', '2d'], 2, /^Give --rule NAME/],
  [
    'a window older than the archive keeps',
    ['--rule', 'my-subscriber', '--since', '100d'],
    1,
    /older than the archive keeps \(90 days/,
  ],
])('refuses %s in one line, and starts nothing', async (_case, args, exit, message) => {
  const before = bus.control.replays.length;

  const { code, err } = await replay(...args);

  expect(code).toBe(exit);
  expect(err.split('\n')[0]).toMatch(message);
  expect(bus.control.replays).toHaveLength(before);
});

it("lists the bus's rules", async () => {
  const { code, out } = await replay('--list-rules');

  expect(code).toBe(0);
  expect(out).toMatch(/^my-subscriber +ENABLED/m);
  expect(out).toMatch(/^example-subscriber +ENABLED/m);
  expect(out).toContain('2 rules on the bus tencent-css-recordings-prod.');
});

it("says in one line that the local stack's EventBridge keeps no archive", async () => {
  const directory = await mkdtemp(join(tmpdir(), 'replay-local-'));
  const stateFile = join(directory, 'stack.json');
  // A running `npm start`, as its state file says (this process stands in for it).
  await writeRunningStack(stateFile, {
    urls: { eventBridge: bus.endpoint },
  });
  const { code, err } = await runCommand(
    replayCommand,
    ['--rule', 'example-subscriber', '--since', '1h'],
    { env: { ...process.env, LOCAL_STATE_FILE: stateFile } },
  );

  expect(code).toBe(1);
  expect(err.split('\n')).toEqual([
    "The local stack's EventBridge keeps no archive, so there is nothing to replay: replay a deployed stage (--stage S)",
  ]);
  await rm(directory, { recursive: true, force: true });
});
