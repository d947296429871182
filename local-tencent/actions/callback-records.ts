import type {
  CallbackEventInfo,
  DescribeCallbackRecordsListRequest,
} from '../../lib/tencent/types';
import type { CallbackRecord } from '../state';
import { invalidValue } from '../tencent-fault';
import { formatInStyle, parseQueryTime, type TimeStyle } from '../tencent-time';
import { defineAction } from './action';
import { checkPaging, page } from './paging';

const DAY_MS = 86_400_000;

/**
 * DescribeCallbackRecordsList's documented limits: one stream, named exactly; a window of at
 * most one day within the last 14 days; EventType one of 0, 1, 100, 200. Tencent documents no
 * PageSize bound: 1 to 100 here, so a client that works here pages as Tencent's other lists do.
 */
export const CALLBACK_RECORD_LIMITS = {
  historyDays: 14,
  spanDays: 1,
  maxPageSize: 100,
  eventTypes: [0, 1, 100, 200],
} as const;

export const describeCallbackRecordsList = defineAction<DescribeCallbackRecordsListRequest>(
  {
    StartTime: { type: 'String', required: true },
    EndTime: { type: 'String', required: true },
    StreamName: { type: 'String', required: true },
    PageNum: { type: 'Integer', required: true },
    PageSize: { type: 'Integer', required: true },
    EventType: { type: 'Integer' },
    ResultCode: { type: 'Integer' },
  },
  (request, state) => {
    const start = parseQueryTime('StartTime', request.StartTime);
    const end = parseQueryTime('EndTime', request.EndTime);
    if (end.ms < start.ms) throw invalidValue('EndTime cannot be before StartTime.');
    if (end.ms - start.ms > CALLBACK_RECORD_LIMITS.spanDays * DAY_MS) {
      throw invalidValue('StartTime and EndTime can be at most 1 day apart.');
    }
    if (start.ms < state.now() - CALLBACK_RECORD_LIMITS.historyDays * DAY_MS) {
      throw invalidValue(
        `Only the last ${CALLBACK_RECORD_LIMITS.historyDays} days can be queried.`,
      );
    }
    if (request.StreamName === '') {
      throw invalidValue('StreamName must name exactly one stream.');
    }
    const { EventType: eventType, ResultCode: resultCode } = request;
    if (
      eventType !== undefined &&
      !(CALLBACK_RECORD_LIMITS.eventTypes as readonly number[]).includes(eventType)
    ) {
      throw invalidValue('EventType must be 0, 1, 100 or 200.');
    }
    checkPaging(request.PageNum, request.PageSize, CALLBACK_RECORD_LIMITS);

    const matching = state
      .callbackRecords()
      .filter(
        (record) =>
          record.stream === request.StreamName &&
          record.time.getTime() >= start.ms &&
          record.time.getTime() <= end.ms &&
          (eventType === undefined || record.eventType === eventType) &&
          (resultCode === undefined || record.resultCode === resultCode),
      )
      .sort((a, b) => a.time.getTime() - b.time.getTime());

    const { items, ...totals } = page(matching, request.PageNum, request.PageSize);
    return { DataInfoList: items.map((record) => eventInfo(record, start.style)), ...totals };
  },
);

/** Times come back in the format the query used, as Tencent documents. */
function eventInfo(record: CallbackRecord, style: TimeStyle): CallbackEventInfo {
  return {
    EventTime: formatInStyle(record.time.getTime(), style),
    EventType: record.eventType,
    Request: record.request,
    Response: record.response,
    ResponseTime: formatInStyle(record.responseTime.getTime(), style),
    ResultCode: record.resultCode,
    StreamId: record.stream,
  };
}
