import type { JsonObject } from '../../../lib/callback/body';
import { normaliseRecording } from '../../../lib/events/recording/normalise';
import {
  pushContext,
  pushEndCallback,
  pushStartCallback,
  recordingCallback,
  screenshotCallback,
} from '../../../scripts/simulate/payloads';
import { SeededRandom } from '../../../scripts/simulate/random';
import { FIXTURES, fixture } from '../../support/fixtures';

const PUSH = { domain: 'push.example.com', app: 'live', stream: 'room-1' };
const START = 1_795_990_000;

function bodies(seed = 7) {
  const random = new SeededRandom(seed);
  const push = pushContext(random, PUSH, START + 86_400);
  return {
    push,
    start: pushStartCallback(push, { time: START }),
    recording: recordingCallback(push, random, { start: START + 2, end: START + 1802 }),
    screenshot: screenshotCallback(push, random, { time: START + 902 }),
    end: pushEndCallback(push, { start: START, end: START + 1803 }),
  };
}

/** Each field of the fixture, and the JSON type it has there. */
function shape(body: object): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value]));
}

describe('the simulated callbacks', () => {
  it.each([
    ['push start', FIXTURES.streamStart, 'start'],
    ['push end', FIXTURES.streamEnd, 'end'],
    ['recording', FIXTURES.documented, 'recording'],
    ['screenshot', FIXTURES.screenshot, 'screenshot'],
  ] as const)('%s has every field of its fixture, with the same JSON type', (_name, file, kind) => {
    const built = shape(bodies()[kind]);

    expect(built).toEqual(expect.objectContaining(shape(fixture(file))));
  });

  it('are the same for the same seed, and differ for another', () => {
    expect(bodies(7)).toEqual(bodies(7));
    expect(bodies(8).recording.file_id).not.toBe(bodies(7).recording.file_id);
  });

  it('give a push start and its end the same sequence, the end its duration and reason', () => {
    const { start, end } = bodies();

    expect(end.sequence).toBe(start.sequence);
    expect(start.sequence).toMatch(/^\d{19}$/);
    expect(end).toMatchObject({
      event_type: 0,
      push_duration: '1803000',
      errcode: 1,
      event_time: START + 1803,
    });
    expect(start).toMatchObject({ event_type: 1, push_duration: '0', errcode: 0, errmsg: 'ok' });
  });

  it('carry the push secret in stream_param, as push URLs do', () => {
    const { start, recording, screenshot } = bodies();

    expect(start.stream_param).toMatch(/^txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
    expect(recording.stream_param).toBe(start.stream_param);
    expect(screenshot.stream_param).toBe(start.stream_param);
  });

  it('describe a recording file as VOD does: a 19-digit id, its URL, size, times and extension', () => {
    const { recording, push } = bodies();

    expect(recording.file_id).toMatch(/^\d{19}$/);
    expect(recording.record_file_id).toBe(recording.file_id);
    expect(recording.video_url).toMatch(
      new RegExp(
        `^https://1250000001\\.vod2\\.myqcloud\\.com/[0-9a-f]{8}vodcq1250000001/[0-9a-f]{8}${recording.file_id}/f0\\.mp4$`,
      ),
    );
    expect(recording).toMatchObject({
      start_time: START + 2,
      end_time: START + 1802,
      duration: 1800,
    });
    // 1.4 to 3.2 Mbit/s for 30 minutes.
    expect(recording.file_size).toBeGreaterThan(300 * 1024 ** 2);
    expect(recording.file_size).toBeLessThan(700 * 1024 ** 2);
    expect(JSON.parse(recording.callback_ext)).toEqual({
      video_codec: 'h264',
      resolution: `${push.width}x${push.height}`,
      session_id: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
    });
  });

  it('give a recording the service stores as is', () => {
    const { recording } = bodies();

    const record = normaliseRecording(recording as unknown as JsonObject);

    expect(record).toMatchObject({
      stream_id: 'room-1',
      file_id: recording.file_id,
      content_start_time: START + 2,
    });
  });

  it('place a screenshot in COS under its stream, named by its time and size', () => {
    const { screenshot, push } = bodies();

    expect(screenshot.pic_url).toBe(
      `/1250000001/room-1/room-1-screenshot-${new Date((START + 902) * 1000).toISOString().slice(11, 19).replaceAll(':', '-')}-${push.width}x${push.height}.jpg`,
    );
    expect(screenshot.pic_full_url).toBe(
      `https://screenshot-1250000001.cos.ap-guangzhou.myqcloud.com${screenshot.pic_url}`,
    );
  });
});
