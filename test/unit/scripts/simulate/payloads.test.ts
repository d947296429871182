import type { JsonObject } from '../../../../lib/json/json';
import { recordingKind } from '../../../../lib/events/kinds/recording';
import { interpretCallback } from '../../../../lib/ingest/interpret';
import {
  audioModerationCallback,
  imageModerationCallback,
  pushContext,
  pushEndCallback,
  pushExceptionCallback,
  pushStartCallback,
  recordingCallback,
  recordingExceptionCallback,
  recordingSession,
  recordingStatusCallback,
  screenshotCallback,
} from '../../../../scripts/simulate/payloads';
import { SeededRandom } from '../../../../scripts/simulate/random';
import { FIXTURES, fixture } from '../../../support/fixtures';

const PUSH = { domain: 'push.example.com', app: 'live', stream: 'room-1' };
const START = 1_795_990_000;

function bodies(seed = 7) {
  const random = new SeededRandom(seed);
  const push = pushContext(random, PUSH, START + 86_400);
  const session = recordingSession(random, 'mp4');
  const screenshot = screenshotCallback(push, random, { time: START + 902 });
  return {
    push,
    session,
    start: pushStartCallback(push, { time: START }),
    recording: recordingCallback(push, random, { start: START + 2, end: START + 1802 }),
    screenshot,
    end: pushEndCallback(push, { start: START, end: START + 1803 }),
    recordingStarted: recordingStatusCallback(push, random, {
      time: START + 2,
      event: 'record_start_succeeded',
      session,
    }),
    recordingEnded: recordingStatusCallback(push, random, {
      time: START + 1802,
      event: 'record_ended',
      session,
    }),
    recordingException: recordingExceptionCallback(push, random, { time: START + 500, session }),
    pushException: pushExceptionCallback(push, random, { time: START + 450 }),
    imageModeration: imageModerationCallback(push, random, { screenshot }),
    audioModeration: audioModerationCallback(push, random, { time: START + 910 }),
  };
}

/** The builders of the kinds the service has since the event-types issue, and their fixtures. */
const NEWER_KINDS = [
  [
    'recording status',
    'recording-status-callback.json',
    'recordingStarted',
    'Recording Status Changed',
  ],
  [
    'recording exception',
    'recording-exception-callback.json',
    'recordingException',
    'Recording Exception',
  ],
  ['push exception', 'push-exception-callback.json', 'pushException', 'Push Exception'],
  [
    'image moderation',
    'image-moderation-callback.json',
    'imageModeration',
    'Image Moderation Result',
  ],
  [
    'audio moderation',
    'audio-moderation-callback.json',
    'audioModeration',
    'Audio Moderation Result',
  ],
] as const;

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
    ...NEWER_KINDS.map(([name, file, kind]) => [name, file, kind] as const),
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

    const record = recordingKind.normalise(recording as unknown as JsonObject);

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

  it.each(NEWER_KINDS.map(([name, , kind, detailType]) => [name, kind, detailType] as const))(
    'give a %s the service stores as its kind',
    (_name, kind, detailType) => {
      const body = bodies()[kind];

      const { kind: interpreted, fields } = interpretCallback(body as unknown as JsonObject);

      expect(interpreted.detailType).toBe(detailType);
      expect(fields.stream_id).toBe('room-1');
    },
  );

  it('give the moderation results Tencent’s only verdicts for what it sends, suspicious ones, with the scores that made them', () => {
    const { imageModeration, audioModeration } = bodies();

    for (const result of [imageModeration, audioModeration]) {
      const score = 'Score' in result ? result.Score : result.score[0];
      expect(result.suggestion).toBe((score ?? 0) >= 90 ? 'Block' : 'Review');
    }
    expect(imageModeration.labelResults[0]).toMatchObject({
      HitFlag: 1,
      Suggestion: imageModeration.suggestion,
      Score: imageModeration.score[0],
    });
    const [hit] = audioModeration.text_results[0]?.HitInfos ?? [];
    const position = hit?.Positions[0];
    expect(audioModeration.asr_text.slice(position?.Start, position?.End)).toBe(hit?.Keyword);
  });

  it('give a recording status its session, its format in record_detail and a number of its own', () => {
    const { recordingStarted, recordingEnded, session } = bodies();

    expect(recordingStarted).toMatchObject({
      record_event: 'record_start_succeeded',
      session_id: session.sessionId,
      domain: 'push.example.com',
      appname: 'live',
    });
    expect(recordingEnded.record_event).toBe('record_ended');
    expect(recordingStarted.seq).toMatch(/^\d{19}$/);
    expect(recordingEnded.seq).not.toBe(recordingStarted.seq);
    expect(JSON.parse(recordingStarted.record_detail)).toEqual({
      file_format: 3,
      record_bps: 0,
      start_model: 1,
      record_content: 1,
      source_type: 1,
      codec_temp_id: 0,
    });
  });

  it('report a push exception of the push: its sequence, late frames inside the interval, counted', () => {
    const { pushException, start } = bodies();

    expect(pushException).toMatchObject({
      sequence: start.sequence,
      stream_param: start.stream_param,
      report_interval: 5000,
    });
    expect(Math.floor(pushException.data_time / 1000)).toBe(START + 450);
    expect(pushException.abnormal_event.map(({ type }) => type)).toEqual([6, 7]);
    for (const event of pushException.abnormal_event) {
      expect(event.count).toBe(event.detail.length);
      for (const { occur_time } of event.detail) {
        expect(occur_time).toBeLessThan(pushException.data_time);
        expect(occur_time).toBeGreaterThan(pushException.data_time - 5000);
      }
    }
  });

  it('write a recording exception of an HLS recording as Tencent does: its segments, ts', () => {
    const random = new SeededRandom(1);
    const push = pushContext(random, PUSH, START + 86_400);

    const exception = recordingExceptionCallback(push, random, {
      time: START,
      session: recordingSession(random, 'hls'),
    });

    expect(exception.file_format).toBe('ts');
    expect([-200, -201]).toContain(exception.exception.type);
  });
});
