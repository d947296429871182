import { callbacksOf, streamsLiveIn } from '../../../lib/reconcile/tencent-history';
import type { TencentLiveApi } from '../../../lib/tencent/tencent-api';
import type {
  DescribeCallbackRecordsListRequest,
  DescribeLiveStreamEventListRequest,
  StreamEventInfo,
} from '../../../lib/tencent/types';

const NOW = new Date('2026-11-29T12:00:00Z');
const HOUR = 3_600_000;

/** A Tencent holding `sessions`, paging and counting as DescribeLiveStreamEventList does. */
function tencentWith(sessions: StreamEventInfo[]) {
  const queries: DescribeLiveStreamEventListRequest[] = [];
  const api = {
    DescribeLiveStreamEventList: async (request: DescribeLiveStreamEventListRequest) => {
      queries.push(request);
      const [start, end] = [Date.parse(request.StartTime), Date.parse(request.EndTime)];
      const ended = sessions.filter((session) => {
        const at = Date.parse(session.StreamEndTime);
        return at >= start && at < end;
      });
      const size = request.PageSize ?? 10;
      const page = request.PageNum ?? 1;
      return {
        EventList: ended.slice((page - 1) * size, page * size),
        PageNum: page,
        PageSize: size,
        TotalNum: ended.length,
        TotalPage: Math.max(1, Math.ceil(ended.length / size)),
        RequestId: 'r',
      };
    },
  } as unknown as TencentLiveApi;
  return { api, queries };
}

function session(stream: string, startHoursAgo: number, endHoursAgo: number): StreamEventInfo {
  return {
    AppName: 'live',
    DomainName: 'push.example.com',
    StreamName: stream,
    StreamStartTime: new Date(NOW.getTime() - startHoursAgo * HOUR).toISOString(),
    StreamEndTime: new Date(NOW.getTime() - endHoursAgo * HOUR).toISOString(),
    StopReason: '',
    Duration: 0,
    ClientIp: '',
    Resolution: '',
  };
}

describe('streamsLiveIn', () => {
  const window = {
    start: new Date(NOW.getTime() - 6 * HOUR),
    end: new Date(NOW.getTime() - 2 * HOUR),
  };

  it('lists each stream live in the window once, whether its push ended in it or after it', async () => {
    const { api } = tencentWith([
      session('ended-inside', 5, 3),
      session('ended-after', 3, 1),
      session('twice', 5, 4),
      session('twice', 4, 3),
      session('started-after-the-window', 1.5, 1),
      session('ended-before-the-window', 9, 7),
    ]);

    const streams = await streamsLiveIn(api, window, NOW);

    expect([...streams.keys()]).toEqual(['ended-after', 'ended-inside', 'twice']);
    // Each with the start of its earliest push into the window: read from there.
    expect(streams.get('twice')).toEqual(new Date(NOW.getTime() - 5 * HOUR));
  });

  it('splits a query Tencent would not page through to the end (over 10,000 sessions)', async () => {
    const many = Array.from({ length: 12_000 }, (_unused, index) =>
      session(`s${index}`, 5, 5 - (index % 240) / 60),
    );
    const { api, queries } = tencentWith(many);

    const streams = await streamsLiveIn(api, window, NOW);

    expect(streams.size).toBe(12_000);
    expect(
      new Set(queries.map((query) => `${query.StartTime}/${query.EndTime}`)).size,
    ).toBeGreaterThan(1);
  });
});

describe('callbacksOf', () => {
  it('reads every page of a stream-day, of one event type when asked', async () => {
    const requests: DescribeCallbackRecordsListRequest[] = [];
    const api = {
      DescribeCallbackRecordsList: async (request: DescribeCallbackRecordsListRequest) => {
        requests.push(request);
        const total = 250;
        const page = request.PageNum;
        const count = Math.max(
          0,
          Math.min(request.PageSize, total - (page - 1) * request.PageSize),
        );
        return {
          DataInfoList: Array.from({ length: count }, () => ({ EventType: 100 })),
          PageNum: page,
          PageSize: request.PageSize,
          TotalNum: total,
          TotalPage: 3,
          RequestId: 'r',
        };
      },
    } as unknown as TencentLiveApi;
    const day = { start: new Date('2026-11-28T00:00:00Z'), end: new Date('2026-11-29T00:00:00Z') };

    const callbacks = await callbacksOf(api, 'room-1', day, 100);

    expect(callbacks).toHaveLength(250);
    expect(requests.map((request) => request.PageNum)).toEqual([1, 2, 3]);
    expect(requests[0]).toMatchObject({
      StreamName: 'room-1',
      StartTime: '2026-11-28T00:00:00Z',
      EndTime: '2026-11-29T00:00:00Z',
      EventType: 100,
      PageSize: 100,
    });
  });
});
