import type { TencentLiveApi } from '../tencent/tencent-api';
import type { CallbackEventInfo } from '../tencent/types';
import { tencentTime, type TimeWindow } from './window';

/** What `DescribeLiveStreamEventList` pages through at most for one query. */
const MAX_LISTED_SESSIONS = 10_000;
/** One `DescribeLiveStreamEventList` query spans 30 days at most. */
const MAX_SESSION_QUERY_MS = 30 * 86_400_000;
const PAGE_SIZE = 100;

/**
 * The streams that were live during `window`, each with the start of its earliest push that
 * reaches into the window, from the push sessions Tencent reports (`DescribeLiveStreamEventList`:
 * sessions that ended between the window's start and `now`, so one that began in the window and
 * ended after it counts, and one that began long before and ended in it too). A query that would
 * list more than Tencent pages through is split in two, until each fits.
 */
export async function streamsLiveIn(
  api: TencentLiveApi,
  window: TimeWindow,
  now: Date,
): Promise<Map<string, Date>> {
  const streams = new Map<string, Date>();
  const queries: TimeWindow[] = [];
  for (let start = window.start.getTime(); start < now.getTime(); start += MAX_SESSION_QUERY_MS) {
    queries.push({
      start: new Date(start),
      end: new Date(Math.min(start + MAX_SESSION_QUERY_MS, now.getTime())),
    });
  }
  while (queries.length > 0) {
    const query = queries.shift() as TimeWindow;
    const sessions = await sessionsEndedIn(api, query);
    if (sessions === undefined) {
      const middle = new Date((query.start.getTime() + query.end.getTime()) / 2);
      queries.unshift({ start: query.start, end: middle }, { start: middle, end: query.end });
      continue;
    }
    for (const session of sessions) {
      const start = new Date(session.StreamStartTime);
      if (start >= window.end) continue;
      const known = streams.get(session.StreamName);
      if (known === undefined || start < known) streams.set(session.StreamName, start);
    }
  }
  return new Map([...streams].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every session that ended in `window`, or undefined when there are more than Tencent pages. */
async function sessionsEndedIn(api: TencentLiveApi, window: TimeWindow) {
  const sessions = [];
  for (let page = 1; ; page++) {
    const answer = await api.DescribeLiveStreamEventList({
      StartTime: tencentTime(window.start),
      EndTime: tencentTime(window.end),
      PageNum: page,
      PageSize: PAGE_SIZE,
      IsAsc: 1,
    });
    if (answer.TotalNum > MAX_LISTED_SESSIONS) return undefined;
    sessions.push(...answer.EventList);
    if (page >= answer.TotalPage || answer.EventList.length === 0) return sessions;
  }
}

/**
 * Every callback Tencent sent for `stream` in `day` (at most one UTC day), page after page, of the
 * given event type or of every type when none is given.
 */
export async function callbacksOf(
  api: TencentLiveApi,
  stream: string,
  day: TimeWindow,
  eventType?: number,
): Promise<CallbackEventInfo[]> {
  const callbacks: CallbackEventInfo[] = [];
  for (let page = 1; ; page++) {
    const answer = await api.DescribeCallbackRecordsList({
      StartTime: tencentTime(day.start),
      EndTime: tencentTime(day.end),
      StreamName: stream,
      PageNum: page,
      PageSize: PAGE_SIZE,
      ...(eventType !== undefined && { EventType: eventType }),
    });
    const list = answer.DataInfoList ?? [];
    callbacks.push(...list);
    if (list.length === 0 || page >= (answer.TotalPage ?? page)) return callbacks;
  }
}
