import type { DescribeLiveStreamEventListRequest, StreamEventInfo } from '../../lib/tencent/types';
import type { PushSession } from '../state';
import { invalidValue } from '../tencent-fault';
import { formatUtc, parseUtcTime } from '../tencent-time';
import { defineAction } from './action';
import { checkFlag, checkPaging, page } from './paging';

const DAY_MS = 86_400_000;

/**
 * DescribeLiveStreamEventList's documented limits: StartTime at most 60 days back, EndTime not
 * after now and at most 30 days after StartTime, PageSize 1 to 100 (default 10), and no more
 * than 10,000 entries paged through.
 */
export const STREAM_EVENT_LIMITS = {
  historyDays: 60,
  spanDays: 30,
  maxPageSize: 100,
  defaultPageSize: 10,
  maxEntries: 10_000,
} as const;

export const describeLiveStreamEventList = defineAction<DescribeLiveStreamEventListRequest>(
  {
    StartTime: { type: 'String', required: true },
    EndTime: { type: 'String', required: true },
    AppName: { type: 'String' },
    DomainName: { type: 'String' },
    StreamName: { type: 'String' },
    PageNum: { type: 'Integer' },
    PageSize: { type: 'Integer' },
    IsFilter: { type: 'Integer' },
    IsStrict: { type: 'Integer' },
    IsAsc: { type: 'Integer' },
  },
  (request, state) => {
    const now = state.now();
    const start = parseUtcTime('StartTime', request.StartTime);
    const end = parseUtcTime('EndTime', request.EndTime);
    if (start < now - STREAM_EVENT_LIMITS.historyDays * DAY_MS) {
      throw invalidValue(`StartTime can be at most ${STREAM_EVENT_LIMITS.historyDays} days back.`);
    }
    if (end > now) throw invalidValue('EndTime cannot be after the current time.');
    if (end < start) throw invalidValue('EndTime cannot be before StartTime.');
    if (end - start > STREAM_EVENT_LIMITS.spanDays * DAY_MS) {
      throw invalidValue(
        `EndTime can be at most ${STREAM_EVENT_LIMITS.spanDays} days after StartTime.`,
      );
    }
    const pageNum = request.PageNum ?? 1;
    const pageSize = request.PageSize ?? STREAM_EVENT_LIMITS.defaultPageSize;
    checkPaging(pageNum, pageSize, STREAM_EVENT_LIMITS);
    const onlyStarted = checkFlag('IsFilter', request.IsFilter);
    const exact = checkFlag('IsStrict', request.IsStrict);
    const ascending = checkFlag('IsAsc', request.IsAsc);

    // Sessions are reported once ended, and found and ordered by their end time.
    const matching = state
      .pushSessions()
      .filter((session) => {
        const ended = session.end.getTime();
        return (
          ended >= start &&
          ended <= end &&
          (request.DomainName === undefined || session.domain === request.DomainName) &&
          (request.AppName === undefined || session.app === request.AppName) &&
          streamMatches(session.stream, request.StreamName, exact) &&
          (!onlyStarted || session.succeeded)
        );
      })
      .sort((a, b) => (a.end.getTime() - b.end.getTime()) * (ascending ? 1 : -1));

    const { items, ...totals } = page(matching, pageNum, pageSize);
    return { EventList: items.map(eventInfo), ...totals };
  },
);

function streamMatches(stream: string, wanted: string | undefined, exact: boolean): boolean {
  if (wanted === undefined || wanted === '') return true;
  return exact ? stream === wanted : stream.includes(wanted);
}

function eventInfo(session: PushSession): StreamEventInfo {
  return {
    AppName: session.app,
    DomainName: session.domain,
    StreamName: session.stream,
    StreamStartTime: formatUtc(session.start.getTime()),
    StreamEndTime: formatUtc(session.end.getTime()),
    StopReason: session.stopReason,
    Duration: Math.round((session.end.getTime() - session.start.getTime()) / 1000),
    ClientIp: session.clientIp,
    Resolution: session.resolution,
  };
}
