import type { ArchiveDeps } from '../../../lib/archive/archive-recording';
import {
  backfill,
  drainDeadLetters,
  type BackfillStep,
  type DeadLetter,
  type DeadLetterQueue,
} from '../../../lib/archive/backfill';
import type { ItemKey } from '../../../lib/record/record';
import {
  aRecordingToArchive,
  bytesOfSize,
  InMemoryArchiveRecords,
  InMemoryObjects,
  MemorySource,
} from '../../support/in-memory-archive';
import { createTestLog } from '../../support/test-log';

/** Three recordings in memory, the second one's file missing at the source. */
function setUp() {
  const records = new InMemoryArchiveRecords();
  const source = new MemorySource();
  const recordings = ['a', 'b', 'c'].map((fileId) =>
    aRecordingToArchive({
      key: { stream_id: 's', file_id: fileId },
      id: `s/${fileId}`,
      fileId,
      videoUrl: `http://vod.example.com/${fileId}.mp4`,
    }),
  );
  for (const recording of recordings) {
    records.add(recording);
    if (recording.fileId !== 'b') source.files.set(recording.videoUrl, bytesOfSize(100));
  }
  const deps: ArchiveDeps = {
    records,
    objects: new InMemoryObjects(),
    source,
    events: { announce: async () => undefined },
    log: createTestLog(),
    timeLeftMs: () => Number.POSITIVE_INFINITY,
  };
  const steps: BackfillStep[] = [];
  return { deps, records, recordings, steps, onStep: (step: BackfillStep) => steps.push(step) };
}

const keys = (...fileIds: string[]): ItemKey[] =>
  fileIds.map((fileId) => ({ stream_id: 's', file_id: fileId }));
const candidates = (list: ItemKey[]) => ({
  list: async function* () {
    yield* list;
  },
});
const window = { since: new Date(0), until: new Date() };

describe('backfill', () => {
  it('archives every candidate, going on past a failure, step by step', async () => {
    const { deps, records, steps, onStep } = setUp();

    const report = await backfill(
      { ...deps, candidates: candidates(keys('a', 'b', 'c')) },
      window,
      {
        onStep,
      },
    );

    expect(report).toEqual({ found: 3, archived: 2, settled: 0, failed: 1 });
    expect(steps.map((step) => ('outcome' in step ? step.outcome : 'error'))).toEqual([
      'archived',
      'error',
      'archived',
    ]);
    expect(records.state({ stream_id: 's', file_id: 'c' })?.archive).toBeDefined();
  });

  it('only lists in a dry run', async () => {
    const { deps, records, steps, onStep } = setUp();

    const report = await backfill({ ...deps, candidates: candidates(keys('a', 'c')) }, window, {
      dryRun: true,
      onStep,
    });

    expect(report).toEqual({ found: 2, archived: 0, settled: 0, failed: 0 });
    expect(steps).toEqual(keys('a', 'c').map((key) => ({ key, outcome: 'would-archive' })));
    expect(records.state({ stream_id: 's', file_id: 'a' })?.archive).toBeUndefined();
  });
});

/** A queue in memory: a received message is hidden until deleted or released (peeked: never). */
class MemoryQueue implements DeadLetterQueue {
  readonly letters: DeadLetter[];
  readonly hidden = new Set<string>();

  constructor(bodies: string[]) {
    this.letters = bodies.map((body, index) => ({ id: `m${index}`, body, receipt: `r${index}` }));
  }

  async receive(max: number, { peek = false } = {}): Promise<DeadLetter[]> {
    const visible = this.letters.filter((letter) => !this.hidden.has(letter.id)).slice(0, max);
    if (!peek) visible.forEach((letter) => this.hidden.add(letter.id));
    return visible;
  }

  async delete(letter: DeadLetter): Promise<void> {
    this.letters.splice(this.letters.indexOf(letter), 1);
  }

  async release(letter: DeadLetter): Promise<void> {
    this.hidden.delete(letter.id);
  }
}

const eventOf = (fileId: string) =>
  JSON.stringify({
    'detail-type': 'Recording File Created',
    detail: { stream_id: 's', file_id: fileId },
  });

describe('drainDeadLetters', () => {
  it('archives each dead letter, deletes the settled ones, keeps the failed and the unreadable', async () => {
    const { deps, steps, onStep } = setUp();
    const queue = new MemoryQueue([
      eventOf('a'),
      eventOf('b'),
      'not json',
      eventOf('a'),
      eventOf('c'),
    ]);

    const report = await drainDeadLetters({ ...deps, letters: queue }, { onStep });

    expect(report).toEqual({ found: 5, archived: 2, settled: 1, failed: 2 });
    expect(queue.letters.map((letter) => letter.body)).toEqual([eventOf('b'), 'not json']);
    // Visible again, for the drain run after the cause is fixed.
    expect(queue.letters.filter((letter) => queue.hidden.has(letter.id))).toEqual([]);
    expect(steps).toContainEqual({
      letter: expect.objectContaining({ body: 'not json' }) as unknown,
      unreadable: expect.stringContaining('JSON') as unknown,
    });
  });

  it('ends with its report when a message cannot be made visible again (it will be, in time)', async () => {
    const { deps } = setUp();
    const queue = new MemoryQueue([eventOf('b')]);
    queue.release = () => Promise.reject(new Error('the queue is unreachable'));

    const report = await drainDeadLetters({ ...deps, letters: queue });

    expect(report).toEqual({ found: 1, archived: 0, settled: 0, failed: 1 });
    expect(queue.letters).toHaveLength(1);
  });

  it('lists them in a dry run, deleting nothing', async () => {
    const { deps, steps, onStep } = setUp();
    const queue = new MemoryQueue([eventOf('a'), eventOf('c')]);

    const report = await drainDeadLetters({ ...deps, letters: queue }, { dryRun: true, onStep });

    expect(report).toEqual({ found: 2, archived: 0, settled: 0, failed: 0 });
    expect(steps.map((step) => ('outcome' in step ? step.outcome : ''))).toEqual([
      'would-archive',
      'would-archive',
    ]);
    expect(queue.letters).toHaveLength(2);
  });
});
