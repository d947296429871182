import { audioModerationKind } from '../../../../lib/events/kinds/audio-moderation';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody, without } from '../../../support/kinds';

behavesLikeAnEventsKind(audioModerationKind, {
  required: ['stream_id'],
  numbersAsStrings: { Score: '96', status: '2', duration: '10' },
  prefix: 'audio-moderation',
});

describe('audioModerationKind', () => {
  const body = kindBody(audioModerationKind);
  const record = audioModerationKind.normalise(body);

  it('turns the documented example into the record a person wants to read', () => {
    expect(record).toMatchObject({
      event_type: 315,
      stream_id: 'test_stream',
      task_id: '10036881',
      seq: '3232590095',
      request_id: '5b0e3f0a-c594-4f4d-a5d0-99cce8b750b4',
      suggestion: 'Block',
      label: 'Ad',
      sub_label: 'Contact',
      HitFlag: 1,
      Score: 96,
      asr_text: 'provide mobile phone number for easy contact',
      duration: 10,
      text_results: body.text_results,
      data: body.data,
    });
  });

  it('is keyed audio-moderation#<task_id>#<seq>: a task’s segments in order', () => {
    expect(audioModerationKind.identify(record).key).toEqual({
      stream_id: 'test_stream',
      event_key: 'audio-moderation#10036881#3232590095',
    });
    expect(audioModerationKind.highVolume).toBe(true);
  });

  it('writes - for a missing task_id', () => {
    const result = audioModerationKind.normalise(without(body, 'task_id'));

    expect(audioModerationKind.identify(result).key.event_key).toBe(
      'audio-moderation#-#3232590095',
    );
  });

  it('falls back on a hash of the record without seq, different for different results', () => {
    const first = audioModerationKind.normalise(without(body, 'seq'));
    const second = audioModerationKind.normalise({ ...without(body, 'seq'), asr_text: 'other' });

    const key = audioModerationKind.identify(first).key.event_key;
    expect(key).toMatch(/^audio-moderation#10036881#~[A-Za-z0-9_-]{16}$/);
    expect(audioModerationKind.identify(second).key.event_key).not.toBe(key);
  });
});
