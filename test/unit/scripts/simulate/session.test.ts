import type { JsonObject } from '../../../../lib/json/json';
import { interpretCallback } from '../../../../lib/ingest/interpret';
import { SIMULATED_EVENTS } from '../../../../scripts/simulate/events';
import type { SimulatedCallbackBody } from '../../../../scripts/simulate/payloads';
import { planSession, type SimulatedCallback } from '../../../../scripts/simulate/session';

const ENDED_AT = 1_795_990_000;

function session(files: number, seed = 3, everyType = false) {
  return planSession({
    seed,
    domain: 'push.example.com',
    app: 'live',
    stream: 'room-1',
    files,
    endedAt: ENDED_AT,
    everyType,
  });
}

/** The bodies of one event type, typed by it. */
function bodiesOf<T extends SimulatedCallbackBody['event_type']>(
  callbacks: readonly SimulatedCallback[],
  eventType: T,
): Extract<SimulatedCallbackBody, { event_type: T }>[] {
  return callbacks.flatMap(({ body }) =>
    body.event_type === eventType
      ? [body as Extract<SimulatedCallbackBody, { event_type: T }>]
      : [],
  );
}

describe('planSession', () => {
  it('plays push start, recording started, a screenshot and the file for each recording, recording ended before the last file, then push end', () => {
    expect(session(3).callbacks.map(({ event }) => event)).toEqual([
      'pushStart',
      'recordingStatus',
      'screenshot',
      'recording',
      'screenshot',
      'recording',
      'screenshot',
      'recordingStatus',
      'recording',
      'pushEnd',
    ]);
  });

  it('reports the recording started as it starts and ended as the push stops, one session', () => {
    const { start, callbacks } = session(2);
    const [started, ended] = bodiesOf(callbacks, 332);
    const files = bodiesOf(callbacks, 100);

    expect(started).toMatchObject({
      record_event: 'record_start_succeeded',
      event_time: files[0]?.start_time,
    });
    expect(ended).toMatchObject({ record_event: 'record_ended', event_time: files[1]?.end_time });
    expect(started?.event_time).toBeGreaterThan(start);
    expect(ended?.session_id).toBe(started?.session_id);
    expect(ended?.seq).not.toBe(started?.seq);
    expect(JSON.parse(started?.record_detail ?? '{}')).toMatchObject({ file_format: 3 });
  });

  it('sends no moderation result and no exception unless asked: Tencent sends those only when something is wrong', () => {
    const events = new Set(session(3).callbacks.map(({ event }) => event));

    expect([...events].sort()).toEqual(
      ['pushStart', 'recordingStatus', 'screenshot', 'recording', 'pushEnd'].sort(),
    );
  });

  it('lays the files end to end inside the push, 30 minutes each but the last, ending now', () => {
    const { start, end, callbacks } = session(3);
    const files = callbacks.flatMap(({ body }) => (body.event_type === 100 ? [body] : []));

    expect(end).toBe(ENDED_AT);
    expect(files.map(({ duration }) => duration).slice(0, 2)).toEqual([1800, 1800]);
    expect(files[2]?.duration).toBeGreaterThanOrEqual(300);
    expect(files[2]?.duration).toBeLessThanOrEqual(1800);
    expect(files[0]?.start_time).toBeGreaterThan(start);
    expect(files[1]?.start_time).toBe(files[0]?.end_time);
    expect(files[2]?.start_time).toBe(files[1]?.end_time);
    expect(files[2]?.end_time).toBeLessThan(end);
  });

  it('takes each screenshot half-way through its file', () => {
    const { callbacks } = session(2);
    const screenshots = bodiesOf(callbacks, 200);
    const files = bodiesOf(callbacks, 100);

    expect(screenshots.map(({ create_time }) => create_time)).toEqual(
      files.map(({ start_time, duration }) => start_time + Math.floor(duration / 2)),
    );
  });

  it('says what each callback is, without the push secret', () => {
    const { callbacks, push } = session(1);

    expect(callbacks.map(({ summary }) => summary)).toEqual([
      `room-1 on push.example.com/live, sequence ${push.sequence}`,
      expect.stringMatching(/^record_start_succeeded, session \d{19}, mp4$/),
      expect.stringMatching(/^room-1-screenshot-\d\d-\d\d-\d\d-\d+x\d+\.jpg, \d+\.\d KiB$/),
      expect.stringMatching(/^record_ended, session \d{19}, mp4$/),
      expect.stringMatching(/^file \d{19}, mp4 \d+m\d\ds, \d+\.\d MiB$/),
      expect.stringMatching(/^room-1, sequence \d{19}, pushed \d+m\d\ds$/),
    ]);
    for (const { summary } of callbacks) expect(summary).not.toContain('txSecret');
  });

  it('is the same for the same seed and end', () => {
    expect(session(2, 11)).toEqual(session(2, 11));
  });
});

describe('planSession with everyType', () => {
  it('plays the errors and the flags of the first file where Tencent would: exceptions as they happen, moderation after the screenshot', () => {
    expect(session(2, 3, true).callbacks.map(({ event }) => event)).toEqual([
      'pushStart',
      'recordingStatus',
      'pushException',
      'recordingException',
      'screenshot',
      'imageModeration',
      'audioModeration',
      'recording',
      'screenshot',
      'recordingStatus',
      'recording',
      'pushEnd',
    ]);
  });

  it.each([1, 2, 5])(
    'sends every kind the simulator knows at least once, with %p file(s)',
    (files) => {
      const events = new Set(session(files, 9, true).callbacks.map(({ event }) => event));

      expect([...events].sort()).toEqual(Object.keys(SIMULATED_EVENTS).sort());
    },
  );

  it('puts the exceptions inside the first file, the recording exception after the push exception, in the recording’s session', () => {
    const { callbacks } = session(2, 4, true);
    const [file] = bodiesOf(callbacks, 100);
    const [pushException] = bodiesOf(callbacks, 321);
    const [recordingException] = bodiesOf(callbacks, 341);
    const [started] = bodiesOf(callbacks, 332);
    const inFile = (seconds: number) =>
      seconds > (file?.start_time ?? 0) && seconds < (file?.end_time ?? 0);

    expect(inFile(Math.floor((pushException?.data_time ?? 0) / 1000))).toBe(true);
    expect(inFile(recordingException?.timestamp ?? 0)).toBe(true);
    expect((recordingException?.timestamp ?? 0) * 1000).toBeGreaterThan(
      pushException?.data_time ?? 0,
    );
    expect(recordingException?.session_id).toBe(started?.session_id);
    expect(pushException?.sequence).toBe(bodiesOf(callbacks, 1)[0]?.sequence);
  });

  it('flags the first screenshot’s picture, and the speech a moment after it', () => {
    const { callbacks } = session(2, 5, true);
    const [screenshot] = bodiesOf(callbacks, 200);
    const [image] = bodiesOf(callbacks, 317);
    const [audio] = bodiesOf(callbacks, 315);

    expect(image).toMatchObject({
      img: screenshot?.pic_full_url,
      screenshotTime: screenshot?.create_time,
    });
    expect(image?.sendTime).toBeGreaterThan(screenshot?.create_time ?? 0);
    const heard = audio?.data.asr_tmp_full_results[0]?.create_time ?? 0;
    expect(heard).toBeGreaterThan(screenshot?.create_time ?? 0);
    expect(heard).toBeLessThan(bodiesOf(callbacks, 100)[0]?.end_time ?? 0);
  });

  it.each([1, 3])(
    'gives with %p file(s) callbacks the service takes, each its kind, each a different event',
    (files) => {
      const { callbacks } = session(files, 6, true);

      const interpreted = callbacks.map(({ body }) =>
        interpretCallback(body as unknown as JsonObject),
      );

      expect(interpreted.map(({ kind }) => kind.eventTypes)).toEqual(
        callbacks.map(({ event }) => [SIMULATED_EVENTS[event].eventType]),
      );
      expect(new Set(interpreted.map(({ identity }) => identity.id)).size).toBe(callbacks.length);
    },
  );

  it('says what each new callback is, without the push secret', () => {
    const { callbacks } = session(1, 7, true);
    const summaryOf = (event: string) =>
      callbacks.find((callback) => callback.event === event)?.summary;

    expect(summaryOf('pushException')).toMatch(/^type 6 \(\d times?\), type 7 \(\d times?\)$/);
    expect(summaryOf('recordingException')).toMatch(
      /^info -20[01] (video|audio) ts deviation: \d+\.000000 \(\d times?\), session \d{19}, mp4$/,
    );
    expect(summaryOf('imageModeration')).toMatch(
      /^(Block|Review) Porn\/PornHigh \(score \d\d\), room-1-screenshot-[\d-]+x\d+\.jpg$/,
    );
    expect(summaryOf('audioModeration')).toMatch(
      /^(Block|Review) Ad\/Contact \(score \d\d\), task \d{8} segment \d{10}$/,
    );
    for (const { summary } of callbacks) expect(summary).not.toContain('txSecret');
  });
});
