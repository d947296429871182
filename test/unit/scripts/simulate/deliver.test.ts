import { computeSign } from '../../../../lib/callback/signature';
import {
  deliverCallbacks,
  type AttemptReport,
  type HttpAnswer,
} from '../../../../scripts/simulate/deliver';
import { historyResultCode } from '../../../../scripts/simulate/local-tencent';
import { planSession, type SimulatedCallback } from '../../../../scripts/simulate/session';

const KEY = 'SimulatorKey1';
const URL = 'http://localhost:3999/callback';
const T0 = 1_795_990_000_000;

/** A clock that only the waits move, the waits it saw, and what was sent. */
function harness(answer: (body: JsonBody, attempt: number) => HttpAnswer) {
  let now = T0;
  const waits: number[] = [];
  const sent: JsonBody[] = [];
  const attempts = new Map<string, number>();
  const reports: AttemptReport[] = [];
  return {
    waits,
    sent,
    reports,
    options: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      post: async (_url: string, body: string) => {
        const parsed = JSON.parse(body) as JsonBody;
        sent.push(parsed);
        const id = JSON.stringify([
          parsed.event_type,
          parsed.file_id,
          parsed.pic_url,
          parsed.record_event,
        ]);
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        return answer(parsed, attempts.get(id) ?? 1);
      },
      onAttempt: (report: AttemptReport) => void reports.push(report),
    },
  };
}

type JsonBody = Record<string, unknown>;

function callbacks(files = 1): SimulatedCallback[] {
  return planSession({
    seed: 5,
    domain: 'push.example.com',
    app: 'live',
    stream: 'room-1',
    files,
    endedAt: T0 / 1000,
  }).callbacks;
}

const to = (list: SimulatedCallback[], key = KEY) =>
  list.map((callback) => ({ callback, destination: { url: URL, key } }));

const ok: HttpAnswer = { status: 200, body: '{"code":0}' };

describe('deliverCallbacks', () => {
  it('sends each callback once when it is answered 200, a gap apart', async () => {
    const { options, waits, sent } = harness(() => ok);

    const results = await deliverCallbacks(to(callbacks()), { ...options, speed: 1, failFirst: 0 });

    expect(results.map(({ delivered, attempts }) => [delivered, attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
    ]);
    expect(sent.map((body) => body.event_type)).toEqual([1, 332, 200, 332, 100, 0]);
    expect(waits).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('signs every attempt afresh: t is its send time + 600, sign md5(key + t)', async () => {
    const { options, sent, reports } = harness((_body, attempt) =>
      attempt < 3 ? { status: 502, body: '' } : ok,
    );

    await deliverCallbacks(to(callbacks().slice(0, 1)), { ...options, speed: 1, failFirst: 0 });

    expect(sent).toHaveLength(3);
    for (const [index, body] of sent.entries()) {
      const t = Math.floor((reports[index]?.sentAt ?? 0) / 1000) + 600;
      expect(body).toMatchObject({ t, sign: computeSign(KEY, t) });
    }
    expect(new Set(sent.map((body) => body.t)).size).toBe(3);
    expect(reports.map(({ request }) => JSON.parse(request) as unknown)).toEqual(sent);
  });

  it('sends a template without a key unsigned', async () => {
    const { options, sent } = harness(() => ok);

    await deliverCallbacks(to(callbacks().slice(0, 1), ''), { ...options, speed: 1, failFirst: 0 });

    expect(sent[0]).not.toHaveProperty('sign');
    expect(sent[0]).not.toHaveProperty('t');
  });

  it('counts the first K answers of each callback as lost, and retries each on its own', async () => {
    const { options, reports } = harness(() => ok);

    const results = await deliverCallbacks(to(callbacks()), {
      ...options,
      speed: 600,
      failFirst: 2,
    });

    expect(results.every(({ delivered, attempts }) => delivered && attempts === 3)).toBe(true);
    const recording = reports.filter(({ callback }) => callback.event === 'recording');
    expect(
      recording.map(({ attempt, lost, succeeded, nextInMs }) => ({
        attempt,
        lost,
        succeeded,
        nextInMs,
      })),
    ).toEqual([
      { attempt: 1, lost: true, succeeded: false, nextInMs: 60_000 },
      { attempt: 2, lost: true, succeeded: false, nextInMs: 60_000 },
      { attempt: 3, lost: false, succeeded: true },
    ]);
    const screenshot = reports.find(({ callback }) => callback.event === 'screenshot');
    expect(screenshot).toMatchObject({ attempts: 6, nextInMs: 120_000 });
    expect(recording[0]?.attempts).toBe(13);
  });

  it('divides the waits by --speed', async () => {
    const { options, waits } = harness(() => ok);

    const screenshotAndFile = callbacks().filter(({ event }) =>
      ['screenshot', 'recording'].includes(event),
    );

    await deliverCallbacks(to(screenshotAndFile), { ...options, speed: 600, failFirst: 1 });

    // The gaps (0, 1 s), the screenshot's 2 minutes and the recording's minute, 600 times shorter.
    expect(waits.sort((a, b) => a - b)).toEqual([0, 1000 / 600, 100, 200]);
  });

  it('gives up after 12 retries (5 for screenshots) when the answer is never 200', async () => {
    const { options } = harness(() => ({ status: 500, body: '{"code":500}' }));

    const results = await deliverCallbacks(to(callbacks()), { ...options, speed: 1, failFirst: 0 });

    expect(
      results.map(({ callback, delivered, attempts }) => [callback.event, delivered, attempts]),
    ).toEqual([
      ['pushStart', false, 13],
      ['recordingStatus', false, 13],
      ['screenshot', false, 6],
      ['recordingStatus', false, 13],
      ['recording', false, 13],
      ['pushEnd', false, 13],
    ]);
  });

  it('retries when no answer comes', async () => {
    const { options } = harness((_body, attempt) =>
      attempt === 1 ? { body: '', error: 'no answer within 20 s' } : ok,
    );

    const [result] = await deliverCallbacks(to(callbacks().slice(0, 1)), {
      ...options,
      speed: 1,
      failFirst: 0,
    });

    expect(result).toMatchObject({ delivered: true, attempts: 2 });
  });
});

describe('historyResultCode', () => {
  const report = (answer: HttpAnswer, lost = false) =>
    ({ answer, lost, succeeded: answer.status === 200 && !lost }) as AttemptReport;

  it('is 0 for a 200, the status for another answer, and -1 for none or one counted as lost', () => {
    expect(historyResultCode(report(ok))).toBe(0);
    expect(historyResultCode(report({ status: 401, body: '' }))).toBe(401);
    expect(historyResultCode(report({ body: '', error: 'ECONNREFUSED' }))).toBe(-1);
    expect(historyResultCode(report(ok, true))).toBe(-1);
  });
});
