import { waitForArchive } from '../../../../scripts/simulate/archive-wait';
import type { ServedRecording } from '../../../../scripts/simulate/recordings';

const recording = (fileId: string, bytes: number): ServedRecording => ({
  id: `room-1/${fileId}`,
  url: `http://127.0.0.1:9999/${fileId}/f0.mp4`,
  bytes,
  key: `room-1/${fileId}.mp4`,
});

const FIRST = recording('111', 18_000_000);
const SECOND = recording('222', 6_840_000);

/**
 * A bucket whose objects appear at the polls the test names, on a clock that moves only when the
 * waiter sleeps.
 */
function bucket(appearAt: Record<string, { poll: number; size: number }>) {
  let clock = 0;
  let poll = 0;
  return {
    now: () => clock,
    sleep: (ms: number) => {
      clock += ms;
      poll += 1;
      return Promise.resolve();
    },
    sizeOf: (key: string) => {
      const object = appearAt[key];
      return Promise.resolve(object && poll >= object.poll ? object.size : undefined);
    },
    polls: () => poll,
  };
}

describe('waitForArchive', () => {
  it('waits until every copy is there with all its bytes, then says where each is', async () => {
    const s3 = bucket({
      [FIRST.key]: { poll: 3, size: FIRST.bytes },
      [SECOND.key]: { poll: 1, size: SECOND.bytes },
    });

    const result = await waitForArchive([FIRST, SECOND], { bucket: 'recordings-archive', ...s3 });

    expect(result).toEqual({
      complete: true,
      lines: [
        '  s3://recordings-archive/room-1/111.mp4  18000000 bytes',
        '  s3://recordings-archive/room-1/222.mp4  6840000 bytes',
      ],
    });
    expect(s3.polls()).toBe(3);
  });

  it('gives up at the deadline and says which copy is missing or short', async () => {
    const s3 = bucket({ [SECOND.key]: { poll: 0, size: 1000 } });

    const result = await waitForArchive([FIRST, SECOND], {
      bucket: 'recordings-archive',
      timeoutMs: 1000,
      ...s3,
    });

    expect(result).toEqual({
      complete: false,
      lines: [
        '  s3://recordings-archive/room-1/111.mp4  not there',
        '  s3://recordings-archive/room-1/222.mp4  1000 bytes, not the 6840000 served',
      ],
    });
  });

  it('does not wait when there is nothing to wait for', async () => {
    const s3 = bucket({});

    expect(await waitForArchive([], { bucket: 'b', ...s3 })).toEqual({ complete: true, lines: [] });
    expect(s3.polls()).toBe(0);
  });
});
