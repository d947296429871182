import type { RecordingCallback } from '../../../../scripts/simulate/payloads';
import { SERVED_BYTES_PER_SECOND, serveRecordings } from '../../../../scripts/simulate/recordings';
import { planSession, type SessionOptions } from '../../../../scripts/simulate/session';

const VOD = 'http://127.0.0.1:9999';

function session(options: Partial<SessionOptions> = {}) {
  return planSession({
    seed: 7,
    domain: 'push.example.com',
    app: 'live',
    stream: 'room-1',
    files: 2,
    endedAt: 1_795_990_000,
    recordingBytesPerSecond: SERVED_BYTES_PER_SECOND,
    ...options,
  });
}

/** A local VOD that records what it was asked to serve. */
function fakeVod() {
  const files: { path: string; size: number }[] = [];
  return {
    files,
    addFile: (path: string, size: number) => {
      files.push({ path, size });
      return `${VOD}${path}`;
    },
  };
}

const recordingsOf = (callbacks: ReturnType<typeof session>['callbacks']) =>
  callbacks
    .filter(({ event }) => event === 'recording')
    .map(({ body }) => body as RecordingCallback);

describe('serveRecordings', () => {
  it("serves each recording at its video_url's path, as many bytes as its file_size says", () => {
    const { callbacks } = session();
    const tencentPaths = recordingsOf(callbacks).map(
      ({ video_url }) => new URL(video_url).pathname,
    );
    const vod = fakeVod();

    const served = serveRecordings(callbacks, vod);

    const bodies = recordingsOf(callbacks);
    expect(vod.files).toEqual(
      bodies.map(({ file_size }, index) => ({ path: tencentPaths[index], size: file_size })),
    );
    expect(bodies.map(({ video_url }) => video_url)).toEqual(
      tencentPaths.map((path) => `${VOD}${path}`),
    );
    expect(served).toEqual(
      bodies.map(({ stream_id, file_id, file_size, video_url }) => ({
        id: `${stream_id}/${file_id}`,
        url: video_url,
        bytes: file_size,
        key: `room-1/${file_id}.mp4`,
      })),
    );
  });

  it('sizes a 30-minute file above one 16 MiB part, so its copy is a multipart upload', () => {
    const [first] = recordingsOf(session().callbacks);

    expect(first?.duration).toBe(1800);
    expect(first?.file_size).toBe(1800 * SERVED_BYTES_PER_SECOND);
    expect(first?.file_size).toBeGreaterThan(16 * 1024 * 1024);
  });

  it('leaves every other callback as planned', () => {
    const { callbacks } = session();
    const others = JSON.stringify(callbacks.filter(({ event }) => event !== 'recording'));

    serveRecordings(callbacks, fakeVod());

    expect(JSON.stringify(callbacks.filter(({ event }) => event !== 'recording'))).toBe(others);
  });

  it('refuses an HLS session, which it cannot serve as single files', () => {
    expect(() => serveRecordings(session({ format: 'hls' }).callbacks, fakeVod())).toThrow(
      'the simulator serves no HLS recordings',
    );
  });
});

describe('planSession with recordingBytesPerSecond', () => {
  it('changes only the recordings’ file_size: the same seed gives the same session otherwise', () => {
    const scaled = session();
    const real = session({ recordingBytesPerSecond: undefined });
    const withoutSizes = (callbacks: typeof scaled.callbacks) =>
      callbacks.map(({ event, body }) =>
        event === 'recording' ? { ...body, file_size: 0 } : body,
      );

    expect(withoutSizes(scaled.callbacks)).toEqual(withoutSizes(real.callbacks));
    expect(recordingsOf(real.callbacks)[0]?.file_size).toBeGreaterThan(
      1800 * SERVED_BYTES_PER_SECOND,
    );
  });
});
