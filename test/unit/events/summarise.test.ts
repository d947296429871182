import type { JsonObject } from '../../../lib/json/json';
import type { DetailType, DetailsByType } from '../../../lib/events/detail-types';
import type { EventKind } from '../../../lib/events/kind';
import { audioModerationKind } from '../../../lib/events/kinds/audio-moderation';
import { callbackReceivedKind } from '../../../lib/events/kinds/callback-received';
import { imageModerationKind } from '../../../lib/events/kinds/image-moderation';
import { pushEndedKind } from '../../../lib/events/kinds/push-ended';
import { pushExceptionKind } from '../../../lib/events/kinds/push-exception';
import { pushStartedKind } from '../../../lib/events/kinds/push-started';
import { recordingExceptionKind } from '../../../lib/events/kinds/recording-exception';
import { recordingStatusKind } from '../../../lib/events/kinds/recording-status';
import { screenshotKind } from '../../../lib/events/kinds/screenshot';
import {
  recordingKind,
  type RecordingFileCreatedDetail,
} from '../../../lib/events/kinds/recording';
import { recordingArchivedEvent } from '../../../lib/events/kinds/recording-archived';
import { PUBLISHED_EVENTS } from '../../../lib/events/published-events';
import { KINDS } from '../../../lib/events/registry';
import {
  SUMMARISED_DETAIL_TYPES,
  summariseEvent,
  summariseRecording,
} from '../../../lib/events/summarise';
import { toOutgoingEvent } from '../../../lib/outbox/event';
import { loadFixture } from '../../support/fixtures';
import { detailOf, documentedDetail, fixtureNameOf, kindBody, without } from '../../support/kinds';
import { aRecording, aStoredRecording } from '../../support/stored-record';

/** The detail a subscriber receives for the kind's fixture, with `overrides` applied. */
function detailOfFixture(kind: EventKind, overrides: JsonObject = {}): Record<string, unknown> {
  return detailOf(kind, kind.normalise(kindBody(kind, overrides)));
}

/** The line the example subscriber prints for the kind's fixture, with `overrides` applied. */
function lineOf(kind: EventKind, overrides: JsonObject = {}): string {
  return summariseEvent(kind.detailType as DetailType, detailOfFixture(kind, overrides) as never);
}

/** The line of a detail edited after normalisation (fields a normaliser would refuse). */
function lineOfDetail(kind: EventKind, edit: (detail: Record<string, unknown>) => void): string {
  const detail = detailOfFixture(kind);
  edit(detail);
  return summariseEvent(kind.detailType as DetailType, detail as never);
}

describe('summariseEvent', () => {
  it.each([
    [
      pushStartedKind,
      'Push started test_stream v1: sequence 2210464508206756938, 2023-12-28 02:44:38 UTC',
    ],
    [
      pushEndedKind,
      'Push ended test_stream v1: sequence 2210464508206756938, pushed 2m09s, ' +
        'errcode 1 (The push client actively stopped the push), 2023-12-28 02:46:46 UTC',
    ],
    [
      recordingKind,
      'Recording stream_test/1234567890 v1: 2m34s hls, 265.1 MiB, ' +
        '2022-01-13 15:57:24 to 15:59:58 UTC, http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8',
    ],
    [
      screenshotKind,
      'Screenshot room-7 v1: 1280x720, 66.7 KiB, 2023-11-14 22:18:20 UTC, ' +
        'https://screenshot-1250000001.cos.ap-guangzhou.myqcloud.com/1250000001/room-7/room-7-screenshot-1700000300.jpg',
    ],
    [
      imageModerationKind,
      'Image moderation teststream v1: Block Porn/PornHigh (score 99), 2023-12-28 02:46:14 UTC, ' +
        'http://test-12345678.cos.ap-shanghai.myqcloud.com/2023-12-28/teststream-screenshot-10-32-54-960x540.jpg',
    ],
    [
      audioModerationKind,
      'Audio moderation test_stream v1: Block Ad/Contact (score 96), task 10036881, ' +
        'segment 3232590095, 2023-12-28 02:46:28 UTC',
    ],
    [
      pushExceptionKind,
      'Push exception test_stream v1: video frame arrive interval bigger than 1000(ms) (2 times); ' +
        'audio frame arrive interval bigger than 1000(ms) (2 times), 2023-12-28 02:46:14.971 UTC',
    ],
    [
      recordingStatusKind,
      'Recording status test_stream v1: record_start_succeeded, hls, ' +
        'session 2918085116267032069, 2023-12-28 02:44:40 UTC',
    ],
    [
      recordingExceptionKind,
      'Recording exception test_stream v1: info -201 video ts deviation: 100.000000 (4 times), ' +
        'ts, session 2918085116267032069, 2023-12-28 02:45:27 UTC',
    ],
    [
      callbackReceivedKind,
      'Callback received testvod v1: event_type 314, id testvod/callback-314#~9aOs6u37cV7bulYB',
    ],
  ])('gives the %s fixture’s event its line', (kind, line) => {
    expect(lineOf(kind)).toBe(line);
  });

  it('has a line of its own for every detail-type published: every kind, and the service’s own', () => {
    expect([...SUMMARISED_DETAIL_TYPES].sort()).toEqual(
      PUBLISHED_EVENTS.map((declared) => declared.detailType).sort(),
    );
  });

  it('prints a recording as summariseRecording does', () => {
    const detail = detailOfFixture(recordingKind) as unknown as RecordingFileCreatedDetail;

    expect(summariseEvent('Recording File Created', detail)).toBe(summariseRecording(detail));
  });

  it('gives an event of a detail-type it does not know a generic line', () => {
    const detail = { stream_id: 'room-1', id: 'room-1/new#1', version: 2 };

    const line = summariseEvent('Something New' as DetailType, detail as never);

    expect(line).toBe('Something New room-1 v2: id room-1/new#1');
  });

  it('says when an event was truncated, so that what it lacks is looked for in the table', () => {
    const line = lineOfDetail(pushExceptionKind, (detail) => {
      delete detail.abnormal_event;
      detail.truncated = true;
      detail.truncated_fields = ['abnormal_event'];
    });

    expect(line).toBe(
      'Push exception test_stream v1: no abnormal event listed, 2023-12-28 02:46:14.971 UTC, ' +
        'truncated (the table has the whole record)',
    );
  });

  it.each(KINDS.map((kind) => [kind.name, kind] as const))(
    '%s: names the stream, the version and when, on one line whatever the fields hold',
    (_name, kind) => {
      const detail = detailOfFixture(kind);
      const hostile = 'evil\nPush started forged\r\u2028x\u0007';
      for (const name of Object.keys(detail)) {
        if (typeof detail[name] === 'string' && name !== 'id') detail[name] = hostile;
      }
      detail.version = 3;

      const line = summariseEvent(kind.detailType, detail as never);

      expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
      expect(line).toContain('evil?Push started forged??x?');
      expect(line).toMatch(/ v3: /);
    },
  );

  it.each(KINDS.map((kind) => [kind.name, kind] as const))(
    '%s: never shows a secret, not even one Tencent sent where it should not',
    (_name, kind) => {
      const sent = loadFixture(fixtureNameOf(kind));
      const sentSecrets = [...JSON.stringify(sent).matchAll(/txSecret=([0-9a-f]+)/g)].map(
        (match) => match[1] ?? '',
      );
      const secret = '5e0c2a7d9b1f4e3a8c6d0b2f4a6c8e0d';

      const line = lineOf(kind, {
        callback_ext: JSON.stringify({ token: secret }),
        stream_param: `txSecret=${secret}&txTime=658D5AE6`,
      });

      expect(line).not.toContain(secret);
      expect(line).not.toContain('txSecret');
      expect(line).not.toContain('[redacted]');
      expect(sentSecrets.filter((sentSecret) => line.includes(sentSecret))).toEqual([]);
    },
  );
});

describe('the line of a push', () => {
  it('gives the resolution once Tencent knows it', () => {
    expect(lineOf(pushStartedKind, { width: 1920, height: 1080 })).toContain(
      'sequence 2210464508206756938, 1920x1080, ',
    );
  });

  it('gives an end without a reason or a duration what it has', () => {
    const body = without(kindBody(pushEndedKind), 'push_duration', 'errmsg');

    expect(
      summariseEvent(
        'Stream Push Ended',
        detailOf(pushEndedKind, pushEndedKind.normalise(body)) as never,
      ),
    ).toBe(
      'Push ended test_stream v1: sequence 2210464508206756938, errcode 1, 2023-12-28 02:46:46 UTC',
    );
  });

  it('says so when a time is no date', () => {
    const line = lineOfDetail(pushStartedKind, (detail) => (detail.event_time = Number.MAX_VALUE));

    expect(line).toMatch(/, time unknown$/);
  });
});

describe('the line of a screenshot', () => {
  it('links the picture’s path when there is no download URL', () => {
    const body = without(kindBody(screenshotKind), 'pic_full_url', 'file_size', 'width');

    expect(
      summariseEvent(
        'Screenshot Created',
        detailOf(screenshotKind, screenshotKind.normalise(body)) as never,
      ),
    ).toBe(
      'Screenshot room-7 v1: 2023-11-14 22:18:20 UTC, /1250000001/room-7/room-7-screenshot-1700000300.jpg',
    );
  });
});

describe('the line of a moderation result', () => {
  it('takes the highest score, also from Tencent’s sample spelling socre', () => {
    const body = without(kindBody(imageModerationKind), 'score');

    const line = summariseEvent(
      'Image Moderation Result',
      detailOf(
        imageModerationKind,
        imageModerationKind.normalise({ ...body, socre: [40, 87] }),
      ) as never,
    );

    expect(line).toContain(': Block Porn/PornHigh (score 87), ');
  });

  it('says there is no verdict when Tencent sent none, and leaves out what is missing', () => {
    const body = without(
      kindBody(audioModerationKind),
      'suggestion',
      'sub_label',
      'Score',
      'task_id',
      'seq',
      'data',
    );

    expect(
      summariseEvent(
        'Audio Moderation Result',
        detailOf(audioModerationKind, audioModerationKind.normalise(body)) as never,
      ),
    ).toBe('Audio moderation test_stream v1: no verdict Ad');
  });
});

describe('the line of a push exception', () => {
  it('lists three abnormal events and counts the others', () => {
    const events = [1, 2, 3, 4, 5].map((type) => ({ type, count: 1 }));
    const line = lineOf(pushExceptionKind, {
      abnormal_event: [{ type: 9, type_desc_en: 'video codec changed' }, ...events],
    });

    expect(line).toContain(
      ': video codec changed; type 1 (1 time); type 2 (1 time); 3 more, 2023-12-28 02:46:14.971 UTC',
    );
  });

  it('says when no abnormal event is listed', () => {
    expect(lineOf(pushExceptionKind, { abnormal_event: [] })).toContain(
      ': no abnormal event listed, ',
    );
  });
});

describe('the line of a recording status or exception', () => {
  it('leaves out a format Tencent did not send as JSON, and a missing session', () => {
    const body = without(kindBody(recordingStatusKind), 'session_id');

    const line = summariseEvent(
      'Recording Status Changed',
      detailOf(
        recordingStatusKind,
        recordingStatusKind.normalise({ ...body, record_detail: 'not json' }),
      ) as never,
    );

    expect(line).toBe(
      'Recording status test_stream v1: record_start_succeeded, 2023-12-28 02:44:40 UTC',
    );
  });

  it('says exception when Tencent gave no level, and leaves out what is missing', () => {
    const body = without(
      kindBody(recordingExceptionKind),
      'exception',
      'exception_level',
      'file_format',
    );

    expect(
      summariseEvent(
        'Recording Exception',
        detailOf(recordingExceptionKind, recordingExceptionKind.normalise(body)) as never,
      ),
    ).toBe(
      'Recording exception test_stream v1: exception, session 2918085116267032069, 2023-12-28 02:45:27 UTC',
    );
  });
});

describe('the line of an archived recording', () => {
  const archived = () =>
    documentedDetail(recordingArchivedEvent) as unknown as DetailsByType['Recording File Archived'];

  it('names the recording as its created line does, how many bytes, and where they are now', () => {
    expect(summariseEvent('Recording File Archived', archived())).toBe(
      'Archived stream_test/1234567890 v1: 265.1 MiB to ' +
        's3://tencent-css-recordings-prod-archivebucket-1a2b3c4d5e6f/stream_test/1234567890.mp4',
    );
  });

  it('names the version and an HLS recording’s playlist', () => {
    const detail = {
      ...archived(),
      version: 2,
      uri: 's3://bucket/stream_test/1234567890/index.m3u8',
      bytes: 1536,
    };

    expect(summariseEvent('Recording File Archived', detail)).toBe(
      'Archived stream_test/1234567890 v2: 1.5 KiB to s3://bucket/stream_test/1234567890/index.m3u8',
    );
  });

  it('stays on one line whatever the ids and the uri hold', () => {
    const hostile = 'evil\nArchived forged\r\u2028x\u0007';
    const detail = { ...archived(), id: hostile, uri: `s3://b/${hostile}` };

    const line = summariseEvent('Recording File Archived', detail);

    expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
    expect(line).toBe(
      'Archived evil?Archived forged??x? v1: 265.1 MiB to s3://b/evil?Archived forged??x?',
    );
  });
});

/** The detail of the documented recording, with `overrides` applied to its body. */
function recordingDetailOf(overrides: Record<string, unknown> = {}): RecordingFileCreatedDetail {
  const event = toOutgoingEvent(
    aStoredRecording(aRecording(overrides)),
    recordingKind.keptWhenTruncated,
  );
  return JSON.parse(event.detail) as RecordingFileCreatedDetail;
}

describe('summariseRecording', () => {
  it('says which file, how long, how big, when its content was recorded and where it is', () => {
    const detail = recordingDetailOf();

    const line = summariseRecording(detail);

    expect(line).toBe(
      'Recording stream_test/1234567890 v1: 2m34s hls, 265.1 MiB, ' +
        '2022-01-13 15:57:24 to 15:59:58 UTC, http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8',
    );
  });

  it('starts the span at end_time - duration (the content start), not at start_time', () => {
    const detail = recordingDetailOf({
      start_time: 1642089000,
      end_time: 1642089598,
      duration: 60,
    });

    const line = summariseRecording(detail);

    expect(line).toContain('2022-01-13 15:58:58 to 15:59:58 UTC');
  });

  it('writes both dates when the recording crosses midnight (UTC)', () => {
    const detail = recordingDetailOf({
      end_time: Date.UTC(2027, 0, 2, 0, 1, 0) / 1000,
      duration: 120,
    });

    const line = summariseRecording(detail);

    expect(line).toContain('2027-01-01 23:59:00 to 2027-01-02 00:01:00 UTC');
  });

  it('names the version, so a changed redelivery is told apart', () => {
    const detail = { ...recordingDetailOf(), version: 3 };

    expect(summariseRecording(detail)).toMatch(/^Recording stream_test\/1234567890 v3: /);
  });

  it('leaves out the format when Tencent did not send one', () => {
    const detail = recordingDetailOf({ file_format: undefined });

    expect(summariseRecording(detail)).toContain(': 2m34s, 265.1 MiB, ');
  });

  it('stays on one line whatever the ids hold', () => {
    const detail = recordingDetailOf({
      stream_id: 'evil\nRecording forged\r\u2028x',
      video_url: 'u\tv',
    });

    const line = summariseRecording(detail);

    expect(line).not.toMatch(/[\n\r\u2028\t]/);
    expect(line).toContain('evil?Recording forged??x');
  });

  it('never shows stream_param, where the push secret travels', () => {
    const detail = recordingDetailOf({ stream_param: 'txSecret=3f1b2c9d8e7a6b5c&txTime=65A1B2C3' });

    const line = summariseRecording(detail);

    expect(line).not.toContain('txSecret');
    expect(line).not.toContain('3f1b2c9d8e7a6b5c');
  });

  it('does not throw on times no date can hold', () => {
    const detail = { ...recordingDetailOf(), content_start_time: Number.MAX_VALUE, end_time: NaN };

    expect(summariseRecording(detail)).toContain('time unknown');
  });
});
