import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TencentCloudLiveApi } from '../../../../lib/tencent/tencentcloud-live-api';
import { NOTIFY_URL_FIELDS } from '../../../../lib/tencent/types';
import { simulateCommand } from '../../../../scripts/commands/simulate';
import { tencentCommand } from '../../../../scripts/commands/tencent';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../../support/local-tencent';
import { close, listen } from '../../../../fakes/http';
import { runCommand } from '../../../support/run-command';
import { writeRunningStack } from '../../../support/running-stack';

// `npm run simulate` in this process: a local Tencent bound by `npm run tencent -- setup` to a
// receiver of this test, which answers as a test file says.
const local = useLocalTencent();
const KEY = 'SimulateCliKey3';
const DOMAIN = 'push.example.com';

let dir: string;
let stateFile: string;
let receiverUrl: string;
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push(Buffer.concat(chunks).toString('utf8'));
    receivedPaths.push(request.url ?? '');
    response.writeHead(answerStatus, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: answerStatus === 200 ? 0 : answerStatus }));
  });
});
let received: string[] = [];
let receivedPaths: string[] = [];
let answerStatus = 200;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
  stateFile = join(dir, 'stack.json');
  receiverUrl = `${await listen(receiver)}/callback`;
});

afterAll(async () => {
  await close(receiver);
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  received = [];
  receivedPaths = [];
  answerStatus = 200;
  await writeRunningStack(stateFile, {
    urls: { callback: receiverUrl },
    tencent: { url: local.tencent.url, ...TEST_TENCENT_CREDENTIALS },
    callbackKeys: [KEY],
  });
});

const run = (command: typeof simulateCommand | typeof tencentCommand, argv: string[]) =>
  runCommand<object>(command, argv, { env: { LOCAL_STATE_FILE: stateFile } });

/** Everything secret the deliveries carried: the key, each sign, each push secret. */
function secretsSent(): string[] {
  return [
    KEY,
    ...received.flatMap((text) => {
      const body = JSON.parse(text) as { sign?: string; stream_param?: string };
      const secret = /txSecret=([0-9a-f]+)/.exec(body.stream_param ?? '')?.[1];
      return [body.sign ?? '', secret ?? ''].filter((value) => value !== '');
    }),
  ];
}

describe('npm run simulate', () => {
  it('plays the session to the bound URL, every attempt in the history, and prints no secret', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);

    const { code, out, err } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-1',
      '--files',
      '2',
      '--fail-first',
      '1',
      '--speed',
      '6000',
    ]);

    expect(code).toBe(0);
    expect(err).toBe('');
    expect(received).toHaveLength(16); // 8 callbacks, each delivered twice
    expect(out).toContain(`  Sends to  ${receiverUrl}`);
    expect(out).toContain(
      '  Session   push start, recording status ×2, screenshot ×2, recording ×2, push end: 8 callbacks',
    );
    expect(out).toMatch(
      /recording \(100\) {9}file \d{19}, mp4 30m00s, [\d.]+ MiB {2}attempt 1\/13 {2}HTTP 200 \{"code":0\}, counted as lost \(--fail-first 1\); next attempt in 1 min \(10 ms at --speed 6000\)/,
    );
    expect(out).toMatch(/screenshot \(200\) {2}.* {2}attempt 2\/6 {2}HTTP 200 \{"code":0\}$/m);
    expect(out).toMatch(
      /recording status \(332\) {2}record_ended, session \d{19}, mp4 {2}attempt 2\/13 {2}HTTP 200 \{"code":0\}$/m,
    );
    expect(out).toContain('Done: 8 callbacks, each answered 200 in the end.');
    for (const secret of secretsSent()) expect(out).not.toContain(secret);

    const history = local.tencent.state.callbackRecords();
    expect(history.map(({ request }) => request).sort()).toEqual([...received].sort());
    expect(history.filter(({ resultCode }) => resultCode === -1)).toHaveLength(8);
    expect(history.filter(({ resultCode }) => resultCode === 0)).toHaveLength(8);
    expect(new Set(history.map(({ stream }) => stream))).toEqual(new Set(['room-1']));
    expect(local.tencent.state.pushSessions()).toEqual([
      expect.objectContaining({ domain: DOMAIN, app: 'live', stream: 'room-1' }),
    ]);
  });

  it('is read back through DescribeCallbackRecordsList as Tencent reports it', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);
    await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-2',
      '--files',
      '1',
      '--speed',
      '6000',
    ]);
    const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

    const { DataInfoList = [] } = await new TencentCloudLiveApi({
      credentials: TEST_TENCENT_CREDENTIALS,
      endpoint: local.tencent.url,
    }).DescribeCallbackRecordsList({
      StreamName: 'room-2',
      StartTime: utc(Date.now() - 60_000),
      EndTime: utc(Date.now() + 1000),
      PageNum: 1,
      PageSize: 100,
    });

    expect(DataInfoList.map(({ EventType }) => EventType).sort((a = 0, b = 0) => a - b)).toEqual([
      0, 1, 100, 200, 332, 332,
    ]);
    for (const record of DataInfoList) {
      expect(record).toMatchObject({ ResultCode: 0, Response: '{"code":0}', StreamId: 'room-2' });
      expect(JSON.parse(record.Request ?? '{}')).toMatchObject({
        stream_id: 'room-2',
        event_type: record.EventType,
      });
    }
  });

  it('gives a callback up after its retries, exits 1 and records each failure', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);
    answerStatus = 500;

    const { code, out, err } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-3',
      '--files',
      '1',
      '--speed',
      '60000',
    ]);

    expect(code).toBe(1);
    expect(out).toMatch(/attempt 13\/13 {2}HTTP 500 \{"code":500\}; given up after 13 attempts/);
    expect(err).toBe(
      '6 of 6 callbacks given up after every retry (push start, recording status, screenshot, ' +
        'recording status, recording, push end): ' +
        'Tencent would not send them again; see the answers above',
    );
    expect(received).toHaveLength(13 * 5 + 6);
    expect(
      local.tencent.state.callbackRecords().every(({ resultCode }) => resultCode === 500),
    ).toBe(true);
  });

  it('sends nothing for an event whose URL the template lacks', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);
    local.tencent.state.updateTemplate(1001, { SnapshotNotifyUrl: '' });

    const { code, out } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-4',
      '--files',
      '1',
      '--speed',
      '6000',
    ]);

    expect(code).toBe(0);
    expect(out).toContain(
      '  Not sent  screenshot: the template has no SnapshotNotifyUrl, so Tencent sends none',
    );
    expect(
      received.map((text) => (JSON.parse(text) as { event_type: number }).event_type).sort(),
    ).toEqual([0, 1, 100, 332, 332]);
  });

  it('sends recording status to RecordStatusNotifyUrl, which Tencent sets but never shows, and none without it', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);
    local.tencent.state.updateTemplate(1001, { RecordStatusNotifyUrl: '' });

    const { code, out } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-5',
      '--files',
      '2',
      '--speed',
      '6000',
    ]);

    expect(code).toBe(0);
    expect(out.match(/ {2}Not sent {2}.*/g)).toEqual([
      '  Not sent  recording status: the template has no RecordStatusNotifyUrl, so Tencent sends none',
    ]);
    expect(
      received.map((text) => (JSON.parse(text) as { event_type: number }).event_type).sort(),
    ).toEqual([0, 1, 100, 100, 200, 200]);
  });

  it('with --every-type, sends one session with every kind, each to the template URL Tencent uses for it', async () => {
    await run(tencentCommand, ['setup', '--domain', DOMAIN]);
    local.tencent.state.updateTemplate(
      1001,
      Object.fromEntries(NOTIFY_URL_FIELDS.map((field) => [field, `${receiverUrl}/${field}`])),
    );

    const { code, out, err } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-6',
      '--files',
      '2',
      '--every-type',
      '--speed',
      '6000',
    ]);

    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(
      '  Session   push start, recording status ×2, push exception, recording exception, ' +
        'screenshot ×2, image moderation, audio moderation, recording ×2, push end: 12 callbacks',
    );
    const fieldOf: Record<number, string> = {
      1: 'StreamBeginNotifyUrl',
      0: 'StreamEndNotifyUrl',
      100: 'RecordNotifyUrl',
      332: 'RecordStatusNotifyUrl',
      200: 'SnapshotNotifyUrl',
      317: 'PornCensorshipNotifyUrl',
      321: 'PushExceptionNotifyUrl',
      315: 'AudioAuditNotifyUrl',
      341: 'RecordExceptionNotifyUrl',
    };
    const sent = received.map((text, index) => {
      const { event_type: type } = JSON.parse(text) as { event_type: number };
      return { type, path: receivedPaths[index] };
    });
    expect(sent.map(({ type }) => type).sort((a, b) => a - b)).toEqual([
      0, 1, 100, 100, 200, 200, 315, 317, 321, 332, 332, 341,
    ]);
    expect(sent.filter(({ type, path }) => path !== `/callback/${fieldOf[type]}`)).toEqual([]);
    expect(
      local.tencent.state
        .callbackRecords()
        .map(({ eventType }) => eventType)
        .sort((a, b) => a - b),
    ).toEqual(sent.map(({ type }) => type).sort((a, b) => a - b));
    expect(out).toMatch(
      /^[\d:.]+ {2}image moderation \(317\) {5}(Block|Review) Porn\/PornHigh \(score \d\d\), room-6-screenshot-/m,
    );
    expect(out).toContain('Done: 12 callbacks, each answered 200 in the end.');
    for (const secret of secretsSent()) expect(out).not.toContain(secret);
  });

  it('says to run setup first when the domain is bound to nothing', async () => {
    const { code, err } = await run(simulateCommand, ['--domain', DOMAIN, '--stream', 'room-1']);

    expect(code).toBe(1);
    expect(err).toBe(
      'push.example.com/live is bound to no callback template in the local Tencent: run ' +
        'npm run tencent -- setup --domain push.example.com first',
    );
    expect(received).toEqual([]);
  });

  it('exits 2 with the usage for a bad option', async () => {
    const { code, err } = await run(simulateCommand, [
      '--domain',
      DOMAIN,
      '--stream',
      'room-1',
      '--speed',
      '0',
    ]);

    expect(code).toBe(2);
    expect(err).toContain('--speed must be a number above 0 and at most 100000, not "0".');
    expect(err).toContain('Usage: npm run simulate -- --domain D --stream S');
  });

  it('explains --every-type in --help', async () => {
    const { code, out } = await run(simulateCommand, ['--help']);

    expect(code).toBe(0);
    expect(out).toContain('[--every-type]');
    expect(out).toMatch(/ {2}--every-type {4}a push that goes wrong and is flagged/);
  });
});
