import { LOAD_DEFAULTS, planLoad } from '../../../../scripts/load/load-test';
import { loadFixture, recordingBody } from '../../../support/fixtures';

const idOf = ({ streamId, fileId }: { streamId: string; fileId: string }) =>
  `${streamId}/${fileId}`;

describe('planLoad', () => {
  it("makes issue 4's burst by default: 400 distinct recordings over 50 streams and 100 redeliveries", () => {
    const plan = planLoad(recordingBody(), { runId: 'run' });

    expect(LOAD_DEFAULTS).toMatchObject({
      total: 500,
      streams: 50,
      duplicateRatio: 0.2,
      concurrency: 25,
    });
    expect(plan.callbacks).toHaveLength(500);
    expect(plan.recordings).toHaveLength(400);
    expect(new Set(plan.recordings.map(idOf)).size).toBe(400);
    expect(plan.streams).toHaveLength(50);
    for (const stream of plan.streams) {
      expect(plan.recordings.filter(({ streamId }) => streamId === stream)).toHaveLength(8);
    }
  });

  it('sends every distinct recording at least once and only redelivers recordings of the burst', () => {
    const plan = planLoad(recordingBody(), { runId: 'run' });
    const sent = new Map<string, number>();
    for (const callback of plan.callbacks)
      sent.set(idOf(callback), (sent.get(idOf(callback)) ?? 0) + 1);

    expect([...sent.keys()].sort()).toEqual(plan.recordings.map(idOf).sort());
    expect([...sent.values()].reduce((sum, count) => sum + count - 1, 0)).toBe(100);
  });

  it('redelivers the same content as the first delivery, which each send signs afresh', () => {
    const plan = planLoad(loadFixture('recording-callback.json'), { runId: 'run' });
    const byRecording = new Map<string, unknown[]>();
    for (const callback of plan.callbacks) {
      byRecording.set(idOf(callback), [
        ...(byRecording.get(idOf(callback)) ?? []),
        callback.payload,
      ]);
    }

    expect(plan.callbacks.filter(({ payload }) => 'sign' in payload || 't' in payload)).toEqual([]);
    const differing = [...byRecording].filter(([, payloads]) =>
      payloads.some((payload) => JSON.stringify(payload) !== JSON.stringify(payloads[0])),
    );
    expect(differing).toEqual([]);
    expect([...byRecording.values()].some((payloads) => payloads.length > 1)).toBe(true);
  });

  it("changes only the ids of Tencent's documented example, keeping channel_id and record_file_id in step", () => {
    const plan = planLoad(recordingBody(), { runId: 'run-7' });
    const [callback] = plan.callbacks;

    expect(callback?.streamId).toMatch(/^run-7-s\d{3}$/);
    expect(callback?.fileId).toMatch(/^\d{19}$/);
    expect(callback?.payload).toEqual(
      recordingBody({
        stream_id: callback?.streamId,
        channel_id: callback?.streamId,
        file_id: callback?.fileId,
        record_file_id: callback?.fileId,
      }),
    );
  });

  it('shuffles deterministically: the same seed gives the same burst, another seed another order', () => {
    const order = (seed: number) =>
      planLoad(recordingBody(), { runId: 'run', seed }).callbacks.map(idOf);

    expect(order(1)).toEqual(order(1));
    expect(order(2)).not.toEqual(order(1));
    expect([...order(2)].sort()).not.toEqual(order(2));
  });

  it('gives every run its own stream ids unless told otherwise', () => {
    const plan = planLoad(recordingBody(), { total: 4 });

    expect(plan.runId).toMatch(/^load-[0-9a-z]+$/);
    expect(plan.streams.every((stream) => stream.startsWith(`${plan.runId}-`))).toBe(true);
  });

  it('uses no more streams than there are distinct recordings', () => {
    const plan = planLoad(recordingBody(), { total: 10, duplicateRatio: 0.5, streams: 50 });

    expect(plan.recordings).toHaveLength(5);
    expect(plan.streams).toHaveLength(5);
  });

  it.each([
    [{ total: 0 }, /total must be a whole number of at least 1/],
    [{ total: 2.5 }, /total must be a whole number/],
    [{ streams: 0 }, /streams must be a whole number of at least 1/],
    [{ duplicateRatio: 1 }, /duplicateRatio must be at least 0 and below 1/],
    [{ duplicateRatio: -0.1 }, /duplicateRatio must be at least 0 and below 1/],
  ])('refuses %p', (shape, message) => {
    expect(() => planLoad(recordingBody(), shape)).toThrow(message);
  });
});
