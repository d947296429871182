import { createEventBridgeClient } from '../../../lib/aws/clients';
import { EventBridgeReplayApi } from '../../../lib/aws/eventbridge-replay-api';
import {
  planReplay,
  ReplayError,
  replayNameOf,
  runReplay,
  type ReplayOptions,
} from '../../../lib/replay/replay';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../../fakes/credentials';
import {
  archiveArnOf,
  busArnOf,
  ruleArnOf,
  startLocalEventBridge,
  type LocalEventBridge,
} from '../../../fakes/eventbridge';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const HOUR = 3_600_000;
let bus: LocalEventBridge;
let api: EventBridgeReplayApi;
let counter = 0;

beforeAll(async () => {
  bus = await startLocalEventBridge();
  api = new EventBridgeReplayApi(
    createEventBridgeClient({
      endpoint: bus.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    }),
  );
});

afterAll(async () => {
  await bus.stop();
});

/** A deployed stage's bus: its archive (90 days) and a subscriber's rule. */
function aStage(): { busName: string; rule: string } {
  const busName = `tencent-css-recordings-replay${++counter}`;
  bus.control.buses.add(busName);
  bus.control.archives.set(busName, [{ name: `${busName}-archive`, retentionDays: 90 }]);
  bus.control.rules.set(busName, ['my-subscriber', 'another-subscriber']);
  bus.control.replayEnd = { state: 'COMPLETED' };
  return { busName, rule: 'my-subscriber' };
}

const options = (stage: { busName: string; rule: string }, extra: Partial<ReplayOptions> = {}) => ({
  busName: stage.busName,
  rule: stage.rule,
  start: new Date(NOW.getTime() - 6 * HOUR),
  end: NOW,
  now: NOW,
  ...extra,
});
const noWait = async () => undefined;

describe('replaying the archive to one rule', () => {
  it("starts a replay of the bus's archive to that rule alone, and follows it to its end", async () => {
    const stage = aStage();
    const progress: number[] = [];

    const plan = await planReplay(api, options(stage));
    const end = await runReplay(api, plan, {
      sleep: noWait,
      onProgress: (_state, done) => progress.push(done),
    });

    expect(end.state).toBe('COMPLETED');
    expect(progress).toEqual([0, 0.5, 1]);
    expect(bus.control.replays.at(-1)).toMatchObject({
      ReplayName: plan.replayName,
      EventSourceArn: archiveArnOf(`${stage.busName}-archive`),
      EventStartTime: (NOW.getTime() - 6 * HOUR) / 1000,
      EventEndTime: NOW.getTime() / 1000,
      Destination: {
        Arn: busArnOf(stage.busName),
        FilterArns: [ruleArnOf(stage.busName, 'my-subscriber')],
      },
    });
  });

  it('replays to every rule only when asked to (--all-rules)', async () => {
    const stage = aStage();

    const plan = await planReplay(api, options(stage, { rule: undefined, allRules: true }));
    await runReplay(api, plan, { sleep: noWait });

    expect(bus.control.replays.at(-1)?.Destination).toEqual({ Arn: busArnOf(stage.busName) });
    await expect(planReplay(api, options(stage, { rule: undefined }))).rejects.toThrow(
      'Give --rule NAME (npm run replay -- --list-rules lists them), or --all-rules',
    );
  });

  it("ends with EventBridge's reason when the replay fails", async () => {
    const stage = aStage();
    bus.control.replayEnd = { state: 'FAILED', reason: 'The archive is being deleted.' };

    const end = await runReplay(api, await planReplay(api, options(stage)), { sleep: noWait });

    expect(end).toMatchObject({ state: 'FAILED', stateReason: 'The archive is being deleted.' });
  });
});

describe('what cannot be replayed is refused in one line, and nothing is started', () => {
  it.each([
    [
      'an unknown rule, named',
      (stage: { busName: string; rule: string }) => options(stage, { rule: 'no-such-rule' }),
      /^No rule no-such-rule on the bus tencent-css-recordings-replay\d+: npm run replay -- --list-rules lists them$/,
    ],
    [
      'a window the wrong way round',
      (stage: { busName: string; rule: string }) =>
        options(stage, {
          start: new Date(NOW.getTime() - HOUR),
          end: new Date(NOW.getTime() - 2 * HOUR),
        }),
      /is not after --since/,
    ],
    [
      'a window starting in the future',
      (stage: { busName: string; rule: string }) =>
        options(stage, {
          start: new Date(NOW.getTime() + HOUR),
          end: new Date(NOW.getTime() + 2 * HOUR),
        }),
      /is not in the past/,
    ],
    [
      'a start older than the archive keeps',
      (stage: { busName: string; rule: string }) =>
        options(stage, { start: new Date(NOW.getTime() - 91 * 24 * HOUR) }),
      /older than the archive keeps \(90 days/,
    ],
    [
      'a stage that is not deployed',
      (stage: { busName: string; rule: string }) =>
        options(stage, { busName: 'tencent-css-recordings-nowhere' }),
      /^No event bus tencent-css-recordings-nowhere: is this stage deployed/,
    ],
  ])('%s', async (_case, optionsOf, message) => {
    const stage = aStage();
    const replaysBefore = bus.control.replays.length;

    const refusal = (await planReplay(api, optionsOf(stage)).catch(
      (error: unknown) => error,
    )) as Error;

    expect(refusal).toBeInstanceOf(ReplayError);
    expect(refusal.message).toMatch(message);
    expect(refusal.message).not.toContain('\n');
    expect(bus.control.replays).toHaveLength(replaysBefore);
  });

  it('a bus without an archive (as the local stack has), saying so', async () => {
    const stage = aStage();
    bus.control.archives.delete(stage.busName);

    await expect(planReplay(api, options(stage))).rejects.toThrow(
      /has no archive to replay from \(the local stack's EventBridge keeps none/,
    );
  });
});

it('lists the rules of the bus', async () => {
  const stage = aStage();

  const rules = await api.rules(stage.busName);

  expect(rules.map((rule) => rule.name)).toEqual(['my-subscriber', 'another-subscriber']);
  expect(rules[0]).toMatchObject({ arn: ruleArnOf(stage.busName, 'my-subscriber') });
});

it('names each replay after its rule and time, uniquely, as EventBridge allows', () => {
  const names = [replayNameOf('my-subscriber', NOW), replayNameOf('my-subscriber', NOW)];
  const long = replayNameOf('a'.repeat(100), NOW);

  expect(names[0]).toMatch(/^my-subscriber-20261207T120000-[0-9a-f]{6}$/);
  expect(names[0]).not.toBe(names[1]);
  expect(long.length).toBeLessThanOrEqual(64);
  expect(long).toMatch(/^[.\-_A-Za-z0-9]+$/);
});
