import { InvalidCallbackError } from '../../../../lib/errors';
import { contentHash, type JsonMap, type JsonObject } from '../../../../lib/json/json';
import { readEventType } from '../../../../lib/events/fields';
import { recordingKind } from '../../../../lib/events/kinds/recording';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { signCallback } from '../../../../lib/callback/sign-callback';
import { isStorable } from '../../../../lib/json/storable';
import { BookkeepingField } from '../../../../lib/record/bookkeeping';
import { fixtureNames, loadFixture, recordingBody } from '../../../support/fixtures';
import { errorThrownBy } from '../../../support/thrown';

const LEGACY = 'recording-callback-legacy-strings.json';
const LEGACY_PUSH_SECRET = '3f1b2c9d8e7a6b5c4d3e2f1a0b9c8d7e';

// A service event's fixture (`<name>-detail.json`) is the detail it publishes, not a callback.
const recordingFixtures = fixtureNames
  .filter((name) => !name.endsWith('-detail.json'))
  .filter((name) => recordingKind.eventTypes.includes(readEventType(loadFixture(name))));

/** Runs the normaliser and returns the error it threw. */
function rejection(body: JsonObject): InvalidCallbackError {
  return errorThrownBy(
    () => recordingKind.normalise(body),
    'expected the recording kind to reject the callback',
  );
}

/** `levels` objects nested in one another around a string. */
function nested(levels: number): JsonMap | string {
  let value: JsonMap | string = 'bottom';
  for (let level = 0; level < levels; level++) value = { inner: value };
  return value;
}

describe('the recording kind’s normaliser', () => {
  it('finds the recording fixtures', () => {
    expect(recordingFixtures).toEqual([
      'recording-callback-legacy-strings.json',
      'recording-callback-minimal.json',
      'recording-callback.json',
    ]);
  });

  describe.each(recordingFixtures)('the fixture %s', (name) => {
    const body = loadFixture(name);
    const recording = recordingKind.normalise(body);

    it('normalises with numbers as numbers and ids as strings', () => {
      for (const field of ['event_type', 'start_time', 'end_time', 'duration', 'file_size']) {
        expect(typeof recording[field]).toBe('number');
        expect(recording[field]).toBe(Number(body[field]));
      }
      expect(recording.appid).toBe(Number(body.appid));
      expect(recording.stream_id).toBe(body.stream_id);
      expect(recording.file_id).toBe(String(body.file_id));
    });

    it('lower-cases file_format', () => {
      expect(recording.file_format).toBe(String(body.file_format).toLowerCase());
    });

    it('derives content_start_time from end_time - duration, with ISO copies of the times', () => {
      const contentStart = Number(body.end_time) - Number(body.duration);
      const endMilliseconds = Math.floor(Number(body.end_time_usec ?? 0) / 1000);

      expect(recording.content_start_time).toBe(contentStart);
      expect(recording.start_time_iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(recording.end_time_iso)).toBe(
        Number(body.end_time) * 1000 + endMilliseconds,
      );
      expect(Date.parse(recording.content_start_time_iso)).toBe(
        contentStart * 1000 + endMilliseconds,
      );
    });

    it('drops sign and t', () => {
      expect(recording).not.toHaveProperty('sign');
      expect(recording).not.toHaveProperty('t');
    });

    it('is storable as it is', () => {
      expect(isStorable(recording)).toBe(true);
    });
  });

  it('turns the documented example into the record a person wants to read', () => {
    const body = loadFixture('recording-callback.json');

    const recording = recordingKind.normalise(body);

    expect(recording).toEqual({
      event_type: 100,
      appid: 12345678,
      app: 'yourapp',
      appname: 'yourappname',
      stream_id: 'stream_test',
      channel_id: 'stream_test',
      file_id: '1234567890',
      record_file_id: '1234567890',
      file_format: 'hls',
      task_id: 'UpTbk5RSVhRQ********************0xTSlNTQltlRVRLU1JAWW9EUb',
      start_time: 1642089445,
      end_time: 1642089598,
      start_time_usec: 316441,
      end_time_usec: 618577,
      duration: 154,
      file_size: 277941079,
      video_url: 'http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8',
      media_start_time: 135802,
      record_bps: 0,
      callback_ext: { video_codec: 'h264', resolution: '640x480' },
      stream_param: { stream_param: 'test' },
      // Tencent's start_time is when recording started; the content starts earlier here.
      content_start_time: 1642089444,
      start_time_iso: '2022-01-13T15:57:25.316Z',
      end_time_iso: '2022-01-13T15:59:58.618Z',
      content_start_time_iso: '2022-01-13T15:57:24.618Z',
    });
  });

  describe('an older sender’s payload (numbers as strings, extra fields)', () => {
    const recording = recordingKind.normalise(loadFixture(LEGACY));

    it('reads numeric strings as numbers', () => {
      expect(recording).toMatchObject({
        event_type: 100,
        appid: 1250000001,
        start_time: 1642089445,
        end_time: 1642093045,
        duration: 3600,
        file_size: 1048576000,
        content_start_time: 1642089445,
      });
    });

    it('lower-cases an upper-case file_format', () => {
      expect(recording.file_format).toBe('mp4');
    });

    it('keeps the fields this version does not know, as sent', () => {
      expect(recording.video_id).toBe('200025724_ac92b781a22c4a3e937c9e61c2624af7');
      expect(recording.vod2Flag).toBe(1);
      expect(recording.record_temp_id).toBe('');
    });

    it('parses stream_param into a map with the push secret redacted', () => {
      expect(recording.stream_param).toEqual({
        bizid: '8888',
        txSecret: REDACTED,
        txTime: '61E0C2A5',
        record: 'mp4',
        record_interval: '5400',
      });
    });

    it('does not carry the push secret anywhere in the record', () => {
      expect(JSON.stringify(recording)).not.toContain(LEGACY_PUSH_SECRET);
    });

    it('equals the same payload sent with real numbers', () => {
      const withNumbers = recordingKind.normalise({
        ...loadFixture(LEGACY),
        event_type: 100,
        appid: 1250000001,
        start_time: 1642089445,
        end_time: 1642093045,
        duration: 3600,
        file_size: 1048576000,
      });

      expect(contentHash(withNumbers as JsonMap)).toBe(contentHash(recording as JsonMap));
    });
  });

  describe('callback_ext', () => {
    it('is parsed into a map when it is a JSON object', () => {
      const recording = recordingKind.normalise(
        recordingBody({ callback_ext: '{"video_codec":"h264","nested":{"list":[1,"two"]}}' }),
      );

      expect(recording.callback_ext).toEqual({ video_codec: 'h264', nested: { list: [1, 'two'] } });
    });

    it.each([
      ['malformed JSON', 'not json {'],
      ['a JSON array', '[1,2]'],
      ['a JSON string', '"text"'],
      ['JSON null', 'null'],
      ['an empty string', ''],
      ['JSON too deep to store', JSON.stringify(nested(40))],
      ['JSON with a number too large to store', '{"big":1e300}'],
    ])('is kept as the raw string when it is %s', (_case, callbackExt) => {
      const recording = recordingKind.normalise(recordingBody({ callback_ext: callbackExt }));

      expect(recording.callback_ext).toBe(callbackExt);
    });

    it('is kept raw from the minimal fixture, whose callback_ext is "not json {"', () => {
      const recording = recordingKind.normalise(loadFixture('recording-callback-minimal.json'));

      expect(recording.callback_ext).toBe('not json {');
    });

    it('is kept as sent when it arrives as an object instead of a string', () => {
      const recording = recordingKind.normalise(recordingBody({ callback_ext: { a: 1 } }));

      expect(recording.callback_ext).toEqual({ a: 1 });
    });

    it('never fails a callback, even when it cannot be stored as sent', () => {
      const recording = recordingKind.normalise(recordingBody({ callback_ext: { big: 1e300 } }));

      expect(recording.callback_ext).toBe('{"big":1e+300}');
    });

    it('is absent when Tencent sent none', () => {
      const { callback_ext: _callbackExt, ...body } = recordingBody();

      const recording = recordingKind.normalise(body);

      expect(recording).not.toHaveProperty('callback_ext');
    });
  });

  describe('stream_param', () => {
    it('redacts every secret-bearing parameter and keeps the others', () => {
      const recording = recordingKind.normalise(
        recordingBody({
          stream_param: 'txSecret=s1&txTime=6553F280&token=s2&app_key=s3&password=s4&sign=s5&x=1',
        }),
      );

      expect(recording.stream_param).toEqual({
        txSecret: REDACTED,
        txTime: '6553F280',
        token: REDACTED,
        app_key: REDACTED,
        password: REDACTED,
        sign: REDACTED,
        x: '1',
      });
      expect(JSON.stringify(recording)).not.toMatch(/s[1-5]/);
    });

    it('keeps a relayed stream’s parameters, which carry no secret', () => {
      const recording = recordingKind.normalise(
        recordingBody({ stream_param: 'txFrom=pullpush&txHost=origin.example.com' }),
      );

      expect(recording.stream_param).toEqual({ txFrom: 'pullpush', txHost: 'origin.example.com' });
    });

    it('is absent for recordings made by CreateRecordTask, which send none', () => {
      const { stream_param: _streamParam, ...body } = recordingBody();

      const recording = recordingKind.normalise(body);

      expect(recording).not.toHaveProperty('stream_param');
    });
  });

  // The leaks and the false alarms of the hardening issue, one by one.
  describe('secrets anywhere in the callback', () => {
    const SECRET = 'f3a9c1e07b5d42e68a1c9b7d3e5f0a2c';

    it.each<[string, JsonObject]>([
      ['stream_param with ; between parameters', { stream_param: `txSecret=${SECRET};txTime=1` }],
      ['stream_param with an encoded = and &', { stream_param: `txTime=1%26txSecret%3D${SECRET}` }],
      [
        'stream_param holding the whole push URL',
        { stream_param: `rtmp://push.example.com/live/room?txSecret=${SECRET}&txTime=1` },
      ],
      ['callback_ext, a JSON object holding it', { callback_ext: `{"txSecret":"${SECRET}"}` }],
      [
        'callback_ext, a JSON array holding it (kept as a string)',
        { callback_ext: `[{"txSecret":"${SECRET}"}]` },
      ],
      ['callback_ext, malformed JSON holding it', { callback_ext: `{"txSecret":"${SECRET}"` }],
      [
        'callback_ext, JSON holding a push URL',
        { callback_ext: `{"push":"rtmp://h/live/s?txSecret=${SECRET}&txTime=1"}` },
      ],
      ['an unknown field holding an object with it', { extra: { nested: { txSecret: SECRET } } }],
      [
        'an unknown field holding a URL whose query carries it',
        { push_url: `rtmp://push.example.com/live/room?txSecret=${SECRET}&txTime=1` },
      ],
      [
        'an unknown field holding a URL that carries it percent-encoded in another URL',
        {
          relay: `https://relay.example.com/?src=${encodeURIComponent(`rtmp://h/live/s?txSecret=${SECRET}`)}`,
        },
      ],
      ['nested arrays', { extra: [[{ a: [{ access_token: SECRET }] }]] }],
      [
        'a secret-named key holding a number',
        { pin_token: Number.parseInt(SECRET.slice(0, 12), 16) },
      ],
      ['a secret-named key holding an object', { credentials: { id: 'AKIA', value: SECRET } }],
    ])('keeps the secret out of the record: %s', (_case, overrides) => {
      const recording = recordingKind.normalise(recordingBody(overrides));

      const text = JSON.stringify(recording);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.slice(0, 12));
      expect(text).toContain(REDACTED);
    });

    it('redacts a secret-named key whatever its value, keeping the key', () => {
      const recording = recordingKind.normalise(
        recordingBody({ pin_token: 123456, credentials: { id: 'AKIA' }, keys: ['a'] }),
      );

      expect(recording).toMatchObject({
        pin_token: REDACTED,
        credentials: REDACTED,
        keys: REDACTED,
      });
    });

    it('parses a callback_ext JSON object and redacts inside it', () => {
      const recording = recordingKind.normalise(
        recordingBody({ callback_ext: `{"txSecret":"${SECRET}","video_codec":"h264"}` }),
      );

      expect(recording.callback_ext).toEqual({ txSecret: REDACTED, video_codec: 'h264' });
    });

    it('keeps video_url’s query, whose signature makes the file playable, but not push_url’s', () => {
      const videoUrl = `https://1250000001.vod2.myqcloud.com/d1/f0.mp4?t=65A0&sign=${SECRET}`;

      const recording = recordingKind.normalise(
        recordingBody({
          video_url: videoUrl,
          push_url: `rtmp://push.example.com/live/room?txSecret=${SECRET}&txTime=1`,
        }),
      );

      expect(recording.video_url).toBe(videoUrl);
      expect(recording.push_url).toBe(
        'rtmp://push.example.com/live/room?txSecret=[redacted]&txTime=1',
      );
    });

    it.each<[string, JsonObject, Partial<Record<string, unknown>>]>([
      ['keyframe_interval', { keyframe_interval: 2 }, { keyframe_interval: 2 }],
      ['design', { design: 'studio' }, { design: 'studio' }],
      [
        'a stream_param named monkey',
        { stream_param: 'monkey=banana&txFrom=pullpush' },
        { stream_param: { monkey: 'banana', txFrom: 'pullpush' } },
      ],
      ['signal', { signal: { strength: 4 } }, { signal: { strength: 4 } }],
      ['author', { author: 'me' }, { author: 'me' }],
    ])('keeps a harmless name that only contains a secret word: %s', (_case, overrides, kept) => {
      const recording = recordingKind.normalise(recordingBody(overrides));

      expect(recording).toMatchObject(kept);
    });
  });

  it('makes task_id optional', () => {
    const { task_id: _taskId, ...body } = recordingBody();

    const recording = recordingKind.normalise(body);

    expect(recording).not.toHaveProperty('task_id');
  });

  it.each([
    ['a number', 1234567890, '1234567890'],
    ['a string', '1234567890', '1234567890'],
    ['a string beyond 2^53', '5285890799710173650', '5285890799710173650'],
  ])('accepts file_id as %s, storing it as a string', (_case, fileId, stored) => {
    const recording = recordingKind.normalise(recordingBody({ file_id: fileId }));

    expect(recording.file_id).toBe(stored);
  });

  it('rejects file_id sent as a number beyond 2^53, whose digits are already lost', () => {
    // 5285890799710173650 as a JSON number arrives as 5285890799710173000.
    const body = JSON.parse('{"file_id":5285890799710173650}') as JsonObject;

    const error = rejection(recordingBody(body));

    expect(error).toBeInstanceOf(InvalidCallbackError);
    expect(error.message).toMatch(/^file_id /);
    expect(error.message).toMatch(/as a string/);
  });

  it.each(['stream_id', 'file_id', 'video_url', 'start_time', 'end_time', 'duration', 'file_size'])(
    'rejects a callback without %s, naming the field',
    (field) => {
      const { [field]: _missing, ...body } = recordingBody();

      const error = rejection(body);

      expect(error).toBeInstanceOf(InvalidCallbackError);
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe(`${field} is missing`);
    },
  );

  it('rejects a callback without event_type, naming the field', () => {
    const { event_type: _eventType, ...body } = recordingBody();

    expect(rejection(body).message).toBe('event_type is missing');
  });

  it.each<[string, string, unknown]>([
    ['stream_id', 'a number', 42],
    ['stream_id', 'empty', ''],
    ['stream_id', 'over 1024 bytes', 'x'.repeat(1025)],
    ['stream_id', 'null', null],
    ['file_id', 'empty', ''],
    ['file_id', 'a boolean', true],
    ['file_id', 'an object', { id: 1 }],
    ['file_id', 'a fraction', 1.5],
    ['file_id', 'over 1024 bytes', '9'.repeat(1025)],
    ['video_url', 'a number', 5],
    ['start_time', 'a word', 'yesterday'],
    ['start_time', 'in exponent form', '1e9'],
    ['end_time', 'null', null],
    ['duration', 'an array', []],
    ['file_size', 'a string with a unit', '1 GB'],
    ['appid', 'not numeric', 'x'],
    ['app', 'a number', 5],
    ['file_format', 'a number', 5],
    ['task_id', 'a number', 1],
    ['record_file_id', 'a number beyond 2^53', 2 ** 60],
    ['video_id', 'a boolean', false],
    ['stream_param', 'an object', { txSecret: 'x' }],
    ['start_time_usec', 'a word', 'soon'],
    ['event_type', 'a word', 'recording'],
  ])('rejects %s when it is %s, naming the field', (field, _shape, value) => {
    const error = rejection(recordingBody({ [field]: value }));

    expect(error).toBeInstanceOf(InvalidCallbackError);
    expect(error.message.startsWith(`${field} `)).toBe(true);
  });

  it.each<[string, JsonObject]>([
    ['start_time', { start_time: 1e13 }],
    ['end_time', { end_time: 1e13 }],
    ['duration', { duration: 1e13 }],
    ['start_time_usec', { start_time_usec: 1e30 }],
  ])('rejects %s beyond the range of dates, naming the field', (field, overrides) => {
    const error = rejection(recordingBody(overrides));

    expect(error).toBeInstanceOf(InvalidCallbackError);
    expect(error.message).toContain(field);
  });

  it.each([
    ['an integer string', '3600', 3600],
    ['a negative string', '-5', -5],
    ['a decimal string', '1.5', 1.5],
    ['a number', 3600, 3600],
  ])('reads duration sent as %s', (_case, duration, expected) => {
    const recording = recordingKind.normalise(recordingBody({ duration }));

    expect(recording.duration).toBe(expected);
  });

  describe('unknown fields', () => {
    it('keeps them as sent', () => {
      const recording = recordingKind.normalise(
        recordingBody({ new_field: 'x', new_map: { a: [1, null, true] }, new_flag: false }),
      );

      expect(recording).toMatchObject({
        new_field: 'x',
        new_map: { a: [1, null, true] },
        new_flag: false,
      });
    });

    // The SDK's serialiser turns a __proto__ key into a prototype, so DynamoDB would receive an
    // empty value and the callback would fail with a 5xx for ever: it is the sender's 400.
    it('rejects a field named __proto__ with a 400, leaving every prototype alone', () => {
      const body = {
        ...recordingBody(),
        ...(JSON.parse('{"__proto__":{"polluted":true}}') as JsonObject),
      };

      const error = rejection(body);

      expect(error).toBeInstanceOf(InvalidCallbackError);
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe('the body has a key named __proto__');
      expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it('rejects a key named __proto__ inside an unknown field, naming the field', () => {
      const extra = JSON.parse('{"__proto__":{"polluted":true}}') as JsonObject;

      const error = rejection(recordingBody({ extra }));

      expect(error.message).toBe('extra has a key named __proto__');
    });

    it('keeps callback_ext raw when its JSON has a key named __proto__', () => {
      const callbackExt = '{"__proto__":{"polluted":true}}';

      const recording = recordingKind.normalise(recordingBody({ callback_ext: callbackExt }));

      expect(recording.callback_ext).toBe(callbackExt);
      expect(Object.getPrototypeOf(recording)).toBe(Object.prototype);
    });

    it.each([
      'version',
      'received_at',
      'updated_at',
      'content_hash',
      'published_at',
      'publish_pending',
      'publish_claimed_until',
      'id',
      'content_start_time',
      'end_time_iso',
    ])('renames one named like a field of ours (%s) to tencent_<name>', (name) => {
      const recording = recordingKind.normalise(recordingBody({ [name]: 'from tencent' }));

      expect(recording[`tencent_${name}`]).toBe('from tencent');
      expect(recording[name]).not.toBe('from tencent');
    });

    it('drops neither field when the sender sends both version and tencent_version', () => {
      const recording = recordingKind.normalise(
        recordingBody({ version: 'sent as version', tencent_version: 'sent as tencent_version' }),
      );

      const values = Object.values(recording);
      expect(values).toContain('sent as version');
      expect(values).toContain('sent as tencent_version');
    });

    it('keeps the derived fields ours when the sender sends ones of the same name', () => {
      const recording = recordingKind.normalise(
        recordingBody({ content_start_time: 1, start_time_iso: 'bogus' }),
      );

      expect(recording.content_start_time).toBe(1642089444);
      expect(recording.start_time_iso).toBe('2022-01-13T15:57:25.316Z');
    });

    it.each(['push_secret', 'access_token', 'api_key', 'Password', 'signature'])(
      'redacts one whose name says it holds a secret (%s)',
      (name) => {
        const recording = recordingKind.normalise(recordingBody({ [name]: 'hunter2' }));

        expect(recording[name]).toBe(REDACTED);
        expect(JSON.stringify(recording)).not.toContain('hunter2');
      },
    );

    it('rejects a field with an empty name', () => {
      const error = rejection(recordingBody({ '': 'x' }));

      expect(error).toBeInstanceOf(InvalidCallbackError);
      expect(error.message).toBe('the body has an empty key');
    });
  });

  it.each<[string, JsonObject, RegExp]>([
    ['file_size', { file_size: 1e300 }, /too large/],
    ['extra', { extra: 1e300 }, /too large/],
    ['extra', { extra: -1e300 }, /too large/],
    ['extra', { extra: 1e-200 }, /too small/],
    ['extra', { extra: { list: [1e300] } }, /too large/],
    ['extra', { extra: nested(31) }, /nested more than 30 levels/],
    ['extra', { extra: { '': 1 } }, /empty key/],
    ['extra', { extra: { inner: { '': 1 } } }, /empty key/],
    ['extra', { extra: 'broken \ud800 text' }, /not valid Unicode/],
    ['video_url', { video_url: 'broken \ud800 text' }, /not valid Unicode/],
  ])(
    'rejects a value of %s that cannot be stored with a 400 naming it',
    (field, overrides, why) => {
      const error = rejection(recordingBody(overrides));

      expect(error).toBeInstanceOf(InvalidCallbackError);
      expect(error.statusCode).toBe(400);
      expect(error.message.startsWith(`${field} `)).toBe(true);
      expect(error.message).toMatch(why);
    },
  );

  it('accepts a value nested 30 levels deep', () => {
    const recording = recordingKind.normalise(recordingBody({ extra: nested(30) }));

    expect(recording.extra).toEqual(nested(30));
  });

  it('gives the same record for redeliveries signed at different times', () => {
    const first = signCallback(recordingBody(), 'key', 1_800_000_600);
    const second = signCallback(recordingBody(), 'key', 1_800_000_660);

    const [a, b] = [recordingKind.normalise(first), recordingKind.normalise(second)];

    expect(a).toEqual(b);
    expect(contentHash(a as JsonMap)).toBe(contentHash(b as JsonMap));
  });

  it('leaves the body it was given unchanged', () => {
    const body = loadFixture(LEGACY);
    const before = structuredClone(body);

    recordingKind.normalise(body);

    expect(body).toEqual(before);
  });
});

describe('readEventType', () => {
  it.each([
    ['recording-callback.json', 100],
    ['recording-callback-legacy-strings.json', 100],
    ['screenshot-callback.json', 200],
    ['stream-start-callback.json', 1],
  ])('reads the event type of %s', (name, eventType) => {
    expect(readEventType(loadFixture(name))).toBe(eventType);
  });

  it.each([
    [{}, 'event_type is missing'],
    [{ event_type: 'recording' }, 'event_type must be a number'],
    [{ event_type: null }, 'event_type must be a number'],
  ])('rejects %p with "%s"', (body, message) => {
    const read = () => readEventType(body);

    expect(read).toThrow(InvalidCallbackError);
    expect(read).toThrow(message);
  });
});

describe('the recording kind’s identity', () => {
  it('keeps a recording in the recordings table, named <stream_id>/<file_id>', () => {
    const record = recordingKind.normalise(
      recordingBody({ stream_id: 'room-7', file_id: '387702299774251234' }),
    );

    expect(recordingKind.table).toBe('recordings');
    expect(recordingKind.identify(record)).toEqual({
      key: { stream_id: 'room-7', file_id: '387702299774251234' },
      id: 'room-7/387702299774251234',
      detailType: 'Recording File Created',
    });
  });
});

describe('the recording kind’s reserved names', () => {
  /** The record of the documented recording with Tencent's `name` set to a value of its own. */
  function withTencents(name: string): JsonMap {
    return recordingKind.normalise(recordingBody({ [name]: 'from tencent' }));
  }

  it.each([
    ...Object.values(BookkeepingField).map((name) => ['bookkeeping', name]),
    ...[
      'id',
      'truncated',
      'truncated_fields',
      'content_start_time',
      'start_time_iso',
      'end_time_iso',
      'content_start_time_iso',
    ].map((name) => ['derived or event', name]),
  ])('reserves the %s field %s', (_what, name) => {
    const record = withTencents(name);

    expect(record[`tencent_${name}`]).toBe('from tencent');
    expect(record[name]).not.toBe('from tencent');
  });

  it.each(['stream_id', 'file_id', 'video_url', 'vod2Flag'])(
    'leaves Tencent’s own field %s alone',
    (name) => {
      const record = withTencents(name);

      expect(record[name]).toBe('from tencent');
      expect(record).not.toHaveProperty(`tencent_${name}`);
    },
  );

  // Only the events table has an event_key. (The redaction rule reads "key" as a secret's.)
  it('leaves a field Tencent names event_key under its name', () => {
    const record = withTencents('event_key');

    expect(record).toHaveProperty('event_key');
    expect(record).not.toHaveProperty('tencent_event_key');
  });
});
