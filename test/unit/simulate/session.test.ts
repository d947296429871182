import { planSession } from '../../../scripts/simulate/session';

const ENDED_AT = 1_795_990_000;

function session(files: number, seed = 3) {
  return planSession({
    seed,
    domain: 'push.example.com',
    app: 'live',
    stream: 'room-1',
    files,
    endedAt: ENDED_AT,
  });
}

describe('planSession', () => {
  it('plays push start, a screenshot and the file for each recording, then push end', () => {
    expect(session(3).callbacks.map(({ event }) => event)).toEqual([
      'pushStart',
      'screenshot',
      'recording',
      'screenshot',
      'recording',
      'screenshot',
      'recording',
      'pushEnd',
    ]);
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
    const [, screenshot, recording] = session(1).callbacks;

    expect(screenshot?.body.event_type === 200 && screenshot.body.create_time).toBe(
      recording?.body.event_type === 100 &&
        recording.body.start_time + Math.floor(recording.body.duration / 2),
    );
  });

  it('says what each callback is, without the push secret', () => {
    const { callbacks, push } = session(1);

    expect(callbacks.map(({ summary }) => summary)).toEqual([
      `room-1 on push.example.com/live, sequence ${push.sequence}`,
      expect.stringMatching(/^room-1-screenshot-\d\d-\d\d-\d\d-\d+x\d+\.jpg, \d+\.\d KiB$/),
      expect.stringMatching(/^file \d{19}, mp4 \d+m\d\ds, \d+\.\d MiB$/),
      expect.stringMatching(/^room-1, sequence \d{19}, pushed \d+m\d\ds$/),
    ]);
    for (const { summary } of callbacks) expect(summary).not.toContain('txSecret');
  });

  it('is the same for the same seed and end', () => {
    expect(session(2, 11)).toEqual(session(2, 11));
  });
});
