import fc from 'fast-check';
import { LocalTencentState } from '../../../local-tencent/state';
import { signCallback } from '../../../lib/callback/sign-callback';
import { HISTORY_EVENT_TYPES } from '../../../lib/events/history';
import type { TableName } from '../../../lib/events/kind';
import { interpretCallback } from '../../../lib/ingest/interpret';
import { storeAndPublish } from '../../../lib/ingest/store-and-publish';
import type { JsonObject } from '../../../lib/json/json';
import { storeRecord } from '../../../lib/outbox/store-record';
import {
  reconcile,
  STOP_MARGIN_MS,
  type ReconcileDeps,
  type ReconcileJob,
} from '../../../lib/reconcile/reconcile';
import { emptyCounts, type ReconcileCounts } from '../../../lib/reconcile/report';
import { ReceivedVia, type StoredRecord } from '../../../lib/record/record';
import { TencentAuthError } from '../../../lib/tencent/errors';
import { fakeEventPublisher } from '../../support/fake-event-publisher';
import { fakeTime } from '../../support/fake-time';
import { FIXTURES, fixture } from '../../support/fixtures';
import { InMemoryCheckpointStore } from '../../support/in-memory-checkpoint-store';
import { InMemoryProjectionStore } from '../../support/in-memory-projection-store';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { inProcessTencent } from '../../support/in-process-tencent';
import { createTestLog } from '../../support/test-log';

/*
 * The reconciler's decisions, on a fake clock, against the local Tencent's account in process and
 * tables, projections, bus and checkpoints in memory. test/integration/reconcile/reconcile.test.ts runs
 * it against the local Tencent over HTTP and the real local tables and bus.
 */
const NOW = Date.parse('2027-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const KEY_THEN = 'TheKeyTencentSignedWith';

/** A Tencent account, the service's tables and bus, and a clock that moves when told. */
function newWorld() {
  const time = fakeTime(NOW);
  const state = new LocalTencentState(() => time.now());
  const usage = { apiCalls: 0, throttled: 0 };
  const stores: Record<TableName, InMemoryRecordStore> = {
    recordings: new InMemoryRecordStore(),
    events: new InMemoryRecordStore(),
  };
  const projections = new InMemoryProjectionStore();
  const publisher = fakeEventPublisher();
  const checkpoints = new InMemoryCheckpointStore();
  const log = createTestLog();
  const now = () => new Date(time.now());
  const ago = (hours: number) => new Date(time.now() - hours * HOUR);
  const deps: ReconcileDeps = {
    stores,
    projections,
    publisher,
    log,
    tencent: inProcessTencent(state, {
      requested: () => usage.apiCalls++,
      throttled: () => usage.throttled++,
    }),
    checkpoints,
    usage,
    now,
  };

  return {
    time,
    state,
    usage,
    stores,
    projections,
    publisher,
    checkpoints,
    log,
    deps,
    ago,
    /** Tencent reports a push of `stream` from `fromHoursAgo` to `toHoursAgo`. */
    pushed(stream: string, fromHoursAgo: number, toHoursAgo: number) {
      state.addPushSession({
        domain: 'push.example.com',
        stream,
        start: ago(fromHoursAgo),
        end: ago(toHoursAgo),
      });
    },
    /** Tencent sent `body` `hoursAgo`, `attempts` times a minute apart, each signed afresh. */
    sent(body: JsonObject, hoursAgo: number, attempts = 1) {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const at = ago(hoursAgo).getTime() + attempt * 60_000;
        state.addCallbackRecord({
          stream: body.stream_id as string,
          eventType: Number(body.event_type),
          time: new Date(at),
          request: signCallback(body, KEY_THEN, Math.floor(at / 1000) + 600),
          resultCode: -1,
        });
      }
    },
    /** Tencent delivered `body` `hoursAgo`, and the service stored and published it. */
    delivered(body: JsonObject, hoursAgo: number) {
      const at = ago(hoursAgo);
      const signed = signCallback(body, 'TheKeyOfTheService', Math.floor(at.getTime() / 1000));
      const callback = interpretCallback(signed);
      // As the callback service records a delivery.
      const provenance = {
        via: ReceivedVia.callback,
        verifiable: HISTORY_EVENT_TYPES.has(callback.eventType),
      } as const;
      return storeAndPublish(deps, callback, provenance, () => at);
    },
    /** What the service holds of `body`'s record. */
    held(body: JsonObject): Promise<StoredRecord | undefined> {
      const { kind, identity } = interpretCallback(body);
      return stores[kind.table].get(identity.key);
    },
    /** The last `hours`, up to now. */
    lastHours(hours: number, more: Partial<ReconcileJob> = {}): ReconcileJob {
      return {
        job: 'test',
        window: { start: ago(hours), end: now() },
        unverifiedAfterHours: 6,
        ...more,
      };
    },
  };
}

const recordingOf = (stream: string, file = 'f1', overrides: JsonObject = {}) =>
  fixture(FIXTURES.documented, {
    stream_id: stream,
    channel_id: stream,
    file_id: file,
    ...overrides,
  });
const pushStartOf = (stream: string) =>
  fixture(FIXTURES.streamStart, { stream_id: stream, channel_id: stream });
const screenshotOf = (stream: string) => fixture(FIXTURES.screenshot, { stream_id: stream });
const forgedUrl = { video_url: 'https://attacker.example/evil.m3u8' };

/** The counts that say what a run found and did, without its requests to Tencent. */
function outcomeOf(report: ReconcileCounts): Partial<ReconcileCounts> {
  const names = Object.keys(emptyCounts()) as (keyof ReconcileCounts)[];
  return Object.fromEntries(
    names
      .filter((name) => name !== 'apiCalls' && name !== 'throttled')
      .map((name) => [name, report[name]]),
  );
}

type Held =
  | 'missing'
  | 'same'
  | 'same-verified'
  | 'same-content-other-form'
  | 'different'
  | 'unfingerprinted';

/** Leaves the service holding `body`'s record as `held` says, before a run. */
async function hold(world: ReturnType<typeof newWorld>, body: JsonObject, held: Held) {
  switch (held) {
    case 'missing':
      return;
    case 'same':
      await world.delivered(body, 2);
      return;
    case 'same-verified': {
      const recovered = { via: ReceivedVia.history } as const;
      await storeAndPublish(world.deps, interpretCallback(body), recovered, () => world.ago(1));
      return;
    }
    case 'same-content-other-form':
      // A number as text, as older senders sent it: the same record, another body.
      await world.delivered({ ...body, duration: String(body.duration) }, 2);
      return;
    case 'different':
      await world.delivered({ ...body, ...forgedUrl }, 2);
      return;
    case 'unfingerprinted': {
      // As a version before body fingerprints stored it.
      const { identity, fields } = interpretCallback({ ...body, ...forgedUrl });
      await storeRecord(world.stores.recordings, identity, fields, world.ago(2));
      return;
    }
  }
}

describe('reconcile', () => {
  it('recovers what Tencent sent and the service never received, and publishes each once', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(pushStartOf('room-1'), 3);
    world.sent(recordingOf('room-1'), 2, 3);

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({
      callbacksFound: 4,
      distinctCallbacks: 2,
      recovered: 2,
      verified: 0,
      replaced: 0,
      invalid: 0,
      complete: true,
      dryRun: false,
    });
    expect(await world.held(recordingOf('room-1'))).toMatchObject({
      version: 1,
      receivedVia: 'history',
      recoveredAt: new Date(NOW).toISOString(),
      verifiedAt: new Date(NOW).toISOString(),
      publishedAt: new Date(NOW).toISOString(),
    });
    expect(world.publisher.sent.map((event) => event.detailType).sort()).toEqual([
      'Recording File Created',
      'Stream Push Started',
    ]);
    // The push session the start fills in, as a delivery fills it in.
    expect(world.projections.applied).toHaveLength(1);
    expect(world.log.info).toHaveBeenCalledWith(
      expect.stringContaining('recovered from Tencent history'),
      { id: 'room-1/f1', kind: 'recording', published: true },
    );
  });

  it('marks verified what the service holds exactly as Tencent sent it, and publishes nothing again', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await world.delivered(recordingOf('room-1'), 2);

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({ verified: 1, recovered: 0, replaced: 0 });
    const held = await world.held(recordingOf('room-1'));
    expect(held).toMatchObject({
      version: 1,
      receivedVia: 'callback',
      verifiedAt: new Date(NOW).toISOString(),
    });
    expect(held).not.toHaveProperty('unverifiedSince');
    expect(world.publisher.sent).toHaveLength(1);
  });

  it('counts what an earlier run verified as already verified, and writes nothing', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await reconcile(world.deps, world.lastHours(4));
    const writes = [
      jest.spyOn(world.stores.recordings, 'markVerified'),
      jest.spyOn(world.stores.recordings, 'putNew'),
      jest.spyOn(world.stores.recordings, 'replace'),
    ];

    const again = await reconcile(world.deps, world.lastHours(4));

    expect(again).toMatchObject({ alreadyVerified: 1, verified: 0, recovered: 0 });
    for (const write of writes) expect(write).not.toHaveBeenCalled();
    expect(world.publisher.sent).toHaveLength(1);
  });

  it('verifies, once, a record held in another form with the content Tencent sent, and a dry run says so', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await hold(world, recordingOf('room-1'), 'same-content-other-form');

    const foretold = await reconcile(world.deps, world.lastHours(4, { dryRun: true }));
    const first = await reconcile(world.deps, world.lastHours(4));
    const second = await reconcile(world.deps, world.lastHours(4));

    expect(foretold).toMatchObject({ verified: 1, replaced: 0 });
    expect(first).toMatchObject({ verified: 1, replaced: 0, recovered: 0 });
    expect(second).toMatchObject({ alreadyVerified: 1, verified: 0 });
    expect(await world.held(recordingOf('room-1'))).toMatchObject({
      version: 1,
      verifiedAt: new Date(NOW).toISOString(),
    });
    expect(world.publisher.sent).toHaveLength(1);
  });

  it('replaces a record whose content differs from what Tencent sent: version 2, published, warned', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await world.delivered(recordingOf('room-1', 'f1', forgedUrl), 2);

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({ replaced: 1, recovered: 0, verified: 0 });
    expect(await world.held(recordingOf('room-1'))).toMatchObject({
      version: 2,
      receivedVia: 'history',
      fields: expect.objectContaining({
        video_url: recordingOf('room-1').video_url,
      }) as unknown,
    });
    const versions = world.publisher.sent.map(
      (event) => (JSON.parse(event.detail) as { version: number }).version,
    );
    expect(versions).toEqual([1, 2]);
    expect(world.log.warn).toHaveBeenCalledWith(
      expect.stringContaining('replaced by Tencent history'),
      { id: 'room-1/f1', kind: 'recording', version: 2, published: true },
    );
  });

  it('takes the content Tencent sent last when its history holds two for one record, and keeps it', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1', 'f1', { video_url: 'https://vod.example/first.m3u8' }), 2.5);
    world.sent(recordingOf('room-1', 'f1', { video_url: 'https://vod.example/last.m3u8' }), 2);

    const first = await reconcile(world.deps, world.lastHours(4));
    const second = await reconcile(world.deps, world.lastHours(4));

    expect(first).toMatchObject({ callbacksFound: 2, distinctCallbacks: 1, recovered: 1 });
    expect((await world.held(recordingOf('room-1')))?.fields.video_url).toBe(
      'https://vod.example/last.m3u8',
    );
    // The next run does not flip it back.
    expect(second).toMatchObject({ alreadyVerified: 1, replaced: 0 });
    expect(world.publisher.sent).toHaveLength(1);
  });

  it('leaves alone a record stored by a version that kept no fingerprint of the body', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await hold(world, recordingOf('room-1'), 'unfingerprinted');
    const before = await world.held(recordingOf('room-1'));

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({ notComparable: 1, replaced: 0, verified: 0 });
    expect(await world.held(recordingOf('room-1'))).toEqual(before);
    expect(world.publisher.calls).toEqual([]);
  });

  it('skips and counts what in the history is not a valid callback, logs no body, and goes on', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    const invalid = [
      'not JSON at all',
      '[1,2]',
      '"a string"',
      JSON.stringify(signCallback({ event_type: 100, stream_id: 'room-1' }, KEY_THEN, 1)),
    ];
    for (const request of invalid) {
      world.state.addCallbackRecord({
        stream: 'room-1',
        eventType: 100,
        time: world.ago(1.5),
        request,
      });
    }

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({
      callbacksFound: 5,
      invalid: 4,
      distinctCallbacks: 1,
      recovered: 1,
      complete: true,
    });
    expect(world.log.warn).toHaveBeenCalledTimes(4);
    // Where to look, never the body (which holds a sign).
    for (const [, fields] of world.log.warn.mock.calls) {
      expect(Object.keys(fields ?? {})).toEqual(['stream', 'eventType', 'eventTime']);
    }
    expect(world.log.warn).toHaveBeenCalledWith(
      'a callback in Tencent history is not a valid callback; skipped',
      { stream: 'room-1', eventType: 100, eventTime: '2027-03-10T10:30:00Z' },
    );
  });

  it('fails the run on credentials Tencent refuses, having changed and saved nothing', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    world.state.injectFault({ kind: 'refuse', code: 'AuthFailure.SignatureFailure' });

    await expect(reconcile(world.deps, world.lastHours(4))).rejects.toThrow(TencentAuthError);
    expect(world.stores.recordings.size).toBe(0);
    expect(world.checkpoints.saved).toEqual([]);
  });

  it('confirms a record delivered while it was reading, without a new version', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    await world.delivered(recordingOf('room-1'), 0.01);
    // Read before the delivery's write landed: the reconciler stores it, and finds it there.
    jest.spyOn(world.stores.recordings, 'get').mockResolvedValueOnce(undefined);

    const report = await reconcile(world.deps, world.lastHours(4));

    expect(report).toMatchObject({ verified: 1, recovered: 0, replaced: 0 });
    expect(await world.held(recordingOf('room-1'))).toMatchObject({
      version: 1,
      receivedVia: 'callback',
      verifiedAt: new Date(NOW).toISOString(),
    });
    expect(world.publisher.sent).toHaveLength(1);
  });

  describe('what it reads', () => {
    it('reads only the streams it is given, from the window’s start, without listing pushes', async () => {
      const world = newWorld();
      world.sent(recordingOf('room-1'), 2);
      world.sent(recordingOf('room-2'), 2);
      const listing = jest.spyOn(world.deps.tencent, 'DescribeLiveStreamEventList');

      const report = await reconcile(world.deps, world.lastHours(4, { streams: ['room-1'] }));

      expect(report).toMatchObject({ streams: 1, recovered: 1 });
      expect(await world.held(recordingOf('room-2'))).toBeUndefined();
      expect(listing).not.toHaveBeenCalled();
    });

    it('reads only the event types it is given, one query each', async () => {
      const world = newWorld();
      world.pushed('room-1', 3, 1);
      world.sent(pushStartOf('room-1'), 3);
      world.sent(recordingOf('room-1'), 2);
      world.sent(screenshotOf('room-1'), 2);
      const history = jest.spyOn(world.deps.tencent, 'DescribeCallbackRecordsList');

      const report = await reconcile(world.deps, world.lastHours(4, { eventTypes: [100, 200] }));

      expect(report).toMatchObject({ callbacksFound: 2, recovered: 2 });
      expect(history.mock.calls.map(([request]) => request.EventType)).toEqual([100, 200]);
      expect(await world.held(pushStartOf('room-1'))).toBeUndefined();
    });

    it('reads no further back than Tencent keeps history', async () => {
      const world = newWorld();

      const report = await reconcile(world.deps, world.lastHours(20 * 24, { streams: ['room-1'] }));

      // 14 days less a minute, so the query is inside Tencent's limit when it arrives.
      expect(report.window.start).toBe(new Date(NOW - 14 * 24 * HOUR + 60_000).toISOString());
      expect(report).toMatchObject({ units: 15, unitsDone: 15, complete: true });
    });

    it('reads a push that began before the window from its start, never before `earliest`', async () => {
      const world = newWorld();
      world.pushed('room-1', 30, 1);
      world.sent(recordingOf('room-1', 'at-29h'), 29);
      world.sent(recordingOf('room-1', 'at-20h'), 20);
      world.sent(recordingOf('room-1', 'at-2h'), 2);

      const bounded = await reconcile(
        world.deps,
        world.lastHours(3, { job: 'bounded', earliest: world.ago(24), dryRun: true }),
      );
      const windowOnly = await reconcile(
        world.deps,
        world.lastHours(3, { job: 'window', dryRun: true }),
      );

      expect(bounded.recovered).toBe(2);
      expect(windowOnly.recovered).toBe(1);
    });
  });

  describe('checkpoints', () => {
    /** Two streams, each with a callback on each of the two UTC days of the last 30 hours. */
    function twoStreamsOverTwoDays() {
      const world = newWorld();
      world.pushed('room-a', 29, 1);
      world.pushed('room-b', 28, 2);
      for (const [stream, hoursAgo] of [
        ['room-a', 26],
        ['room-a', 2],
        ['room-b', 27],
        ['room-b', 3],
      ] as const) {
        world.sent(recordingOf(stream, `at-${hoursAgo}h`), hoursAgo);
      }
      return world;
    }

    it('saves where it is after every stream-day, then completes the job with its window’s end', async () => {
      const world = twoStreamsOverTwoDays();
      const job = world.lastHours(30);

      const report = await reconcile(world.deps, job);

      expect(report).toMatchObject({
        streams: 2,
        streamsChecked: 2,
        units: 4,
        unitsDone: 4,
        recovered: 4,
        complete: true,
      });
      expect(world.checkpoints.saved.map((saved) => saved.nextUnit)).toEqual([1, 2, 3, 4]);
      expect(world.checkpoints.saved.map((saved) => saved.counts.recovered)).toEqual([1, 2, 3, 4]);
      expect(world.checkpoints.saved[0]).toMatchObject({
        job: 'test',
        window: report.window,
        streams: [
          { stream: 'room-a', from: report.window.start },
          { stream: 'room-b', from: report.window.start },
        ],
      });
      await expect(world.checkpoints.load('test')).resolves.toBeUndefined();
      await expect(world.checkpoints.lastCompleted('test')).resolves.toBe(
        job.window.end.toISOString(),
      );
    });

    it('stops before a stream-day when less than the margin is left, and the next run resumes there', async () => {
      const world = twoStreamsOverTwoDays();
      // Enough for two stream-days (the margin itself is enough), then not.
      const timeLeft = [STOP_MARGIN_MS, STOP_MARGIN_MS, STOP_MARGIN_MS - 1];

      const first = await reconcile(
        { ...world.deps, timeLeftMs: () => timeLeft.shift() ?? 0 },
        world.lastHours(30),
      );
      // An hour on, with a push that the first run's window did not know.
      await world.time.advanceTo(NOW + HOUR);
      world.pushed('room-c', 0.5, 0.2);
      world.sent(recordingOf('room-c'), 0.4);
      const second = await reconcile(world.deps, world.lastHours(30));

      expect(first).toMatchObject({ complete: false, unitsDone: 2, units: 4, recovered: 2 });
      expect(second).toMatchObject({
        complete: true,
        window: first.window,
        streams: 2,
        streamsChecked: 1,
        unitsDone: 4,
        recovered: 2,
      });
      expect(await world.held(recordingOf('room-c'))).toBeUndefined();
      // What the job did over both runs.
      expect(world.checkpoints.saved.at(-1)?.counts).toMatchObject({
        recovered: 4,
        streamsChecked: 2,
      });
      await expect(world.checkpoints.lastCompleted('test')).resolves.toBe(first.window.end);
    });

    it('resumes from a checkpoint an older version saved, whose counts lack the newer ones', async () => {
      const world = twoStreamsOverTwoDays();
      const job = world.lastHours(30);
      const start = job.window.start.toISOString();
      const {
        distinctCallbacks: _distinct,
        notComparable: _notComparable,
        ...olderCounts
      } = {
        ...emptyCounts(),
        recovered: 2,
      };
      await world.checkpoints.save({
        job: job.job,
        window: { start, end: job.window.end.toISOString() },
        streams: [
          { stream: 'room-a', from: start },
          { stream: 'room-b', from: start },
        ],
        nextUnit: 2,
        counts: olderCounts as ReconcileCounts,
        startedAt: start,
        updatedAt: start,
      });

      const report = await reconcile(world.deps, job);

      expect(report).toMatchObject({ unitsDone: 4, recovered: 2, distinctCallbacks: 2 });
      expect(world.checkpoints.saved.at(-1)?.counts).toMatchObject({
        recovered: 4,
        distinctCallbacks: 2,
        notComparable: 0,
      });
    });

    it('reads nothing when no time is left at all, and reports the run incomplete', async () => {
      const world = twoStreamsOverTwoDays();
      const history = jest.spyOn(world.deps.tencent, 'DescribeCallbackRecordsList');

      const report = await reconcile({ ...world.deps, timeLeftMs: () => 0 }, world.lastHours(30));

      expect(report).toMatchObject({ complete: false, unitsDone: 0, units: 4, recovered: 0 });
      expect(history).not.toHaveBeenCalled();
      expect(world.checkpoints.saved).toEqual([]);
    });
  });

  it('in a dry run, counts what it would do and changes nothing, its checkpoints included', async () => {
    const world = newWorld();
    world.pushed('room-1', 3, 1);
    const [missing, same, different] = ['missing', 'same', 'different'].map((file) =>
      recordingOf('room-1', file),
    ) as [JsonObject, JsonObject, JsonObject];
    for (const body of [missing, same, different]) world.sent(body, 2);
    await world.delivered(same, 2);
    await world.delivered({ ...different, ...forgedUrl }, 2);
    const job = world.lastHours(4);
    // A checkpoint a real run of the job left: a dry run neither resumes from it nor moves it.
    const left = {
      job: job.job,
      window: { start: job.window.start.toISOString(), end: job.window.end.toISOString() },
      streams: [{ stream: 'room-1', from: job.window.start.toISOString() }],
      nextUnit: 1,
      counts: emptyCounts(),
      startedAt: job.window.end.toISOString(),
      updatedAt: job.window.end.toISOString(),
    };
    await world.checkpoints.save(left);
    const before = await Promise.all([missing, same, different].map((body) => world.held(body)));
    const calls = world.publisher.calls.length;

    const report = await reconcile(world.deps, { ...job, dryRun: true });

    expect(report).toMatchObject({
      dryRun: true,
      recovered: 1,
      verified: 1,
      replaced: 1,
      complete: true,
      unitsDone: 1,
    });
    expect(await Promise.all([missing, same, different].map((body) => world.held(body)))).toEqual(
      before,
    );
    expect(world.publisher.calls).toHaveLength(calls);
    expect(world.projections.applied).toEqual([]);
    await expect(world.checkpoints.load(job.job)).resolves.toEqual(left);
    expect(world.checkpoints.saved).toHaveLength(1);
    await expect(world.checkpoints.lastCompleted(job.job)).resolves.toBeUndefined();
  });

  it('reports each delivered record history has not confirmed for longer than unverifiedAfterHours', async () => {
    const world = newWorld();
    await world.delivered(recordingOf('forged-7h'), 7);
    await world.delivered(recordingOf('forged-5h'), 5);
    // Of a kind Tencent's history does not hold: never waits for it.
    await world.delivered(fixture('image-moderation-callback.json'), 8);
    // Confirmed by this very run.
    world.pushed('room-1', 8, 1);
    world.sent(recordingOf('room-1'), 7);
    await world.delivered(recordingOf('room-1'), 7);

    const sixHours = await reconcile(world.deps, world.lastHours(8, { unverifiedAfterHours: 6 }));
    const fourHours = await reconcile(world.deps, world.lastHours(8, { unverifiedAfterHours: 4 }));

    expect(sixHours.unverified).toBe(1);
    expect(fourHours.unverified).toBe(2);
    expect(world.log.warn).toHaveBeenCalledWith(
      'unverified: Tencent history does not confirm this record',
      { id: 'forged-7h/f1', version: 1, unverifiedSince: world.ago(7).toISOString() },
    );
  });

  it('reports the requests it sent to Tencent and those throttled, not the process’s earlier ones', async () => {
    const world = newWorld();
    // A warm Lambda: an earlier run of this process counted its own.
    world.usage.apiCalls = 10;
    world.usage.throttled = 2;
    world.pushed('room-1', 3, 1);
    world.sent(recordingOf('room-1'), 2);
    world.state.injectFault({
      kind: 'refuse',
      code: 'RequestLimitExceeded',
      action: 'DescribeCallbackRecordsList',
      times: 2,
    });

    const report = await reconcile(world.deps, world.lastHours(4));

    // One listing of pushes; one stream-day, answered at the third attempt.
    expect(report).toMatchObject({ apiCalls: 4, throttled: 2, recovered: 1, complete: true });
    expect(world.checkpoints.saved.at(-1)?.counts).toMatchObject({ apiCalls: 4, throttled: 2 });
  });

  it('adds up: every delivery in the history is one distinct callback’s or invalid, each counted once, as a dry run foretold', async () => {
    const held = fc.constantFrom<Held>(
      'missing',
      'same',
      'same-verified',
      'same-content-other-form',
      'different',
      'unfingerprinted',
    );
    const scenario = fc.record({
      callbacks: fc.array(fc.record({ held, attempts: fc.integer({ min: 1, max: 3 }) }), {
        maxLength: 6,
      }),
      invalid: fc.integer({ min: 0, max: 3 }),
    });

    await fc.assert(
      fc.asyncProperty(scenario, async ({ callbacks, invalid }) => {
        const world = newWorld();
        world.pushed('room-1', 3, 1);
        for (const [index, callback] of callbacks.entries()) {
          const body = recordingOf('room-1', `f${index}`);
          world.sent(body, 2, callback.attempts);
          await hold(world, body, callback.held);
        }
        for (let index = 0; index < invalid; index++) {
          world.state.addCallbackRecord({
            stream: 'room-1',
            eventType: 100,
            time: world.ago(2),
            request: `not a callback ${index}`,
          });
        }
        const published = world.publisher.sent.length;
        const count = (state: string) => callbacks.filter(({ held }) => held === state).length;

        const foretold = await reconcile(world.deps, world.lastHours(4, { dryRun: true }));
        const report = await reconcile(world.deps, world.lastHours(4));

        expect(outcomeOf(report)).toEqual(outcomeOf(foretold));
        const attempts = callbacks.reduce((total, callback) => total + callback.attempts, 0);
        expect(report.callbacksFound).toBe(attempts + invalid);
        expect(report.invalid).toBe(invalid);
        expect(report.distinctCallbacks).toBe(callbacks.length);
        expect(
          report.recovered +
            report.verified +
            report.alreadyVerified +
            report.replaced +
            report.notComparable,
        ).toBe(report.distinctCallbacks);
        expect(report).toMatchObject({
          recovered: count('missing'),
          verified: count('same') + count('same-content-other-form'),
          alreadyVerified: count('same-verified'),
          replaced: count('different'),
          notComparable: count('unfingerprinted'),
        });
        // Each recovered or replaced record is announced once.
        expect(world.publisher.sent.length - published).toBe(report.recovered + report.replaced);
      }),
      { numRuns: 40 },
    );
  });
});
