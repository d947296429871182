/**
 * The `event_type`s Tencent's callback history holds (`DescribeCallbackRecordsList` takes and
 * returns 0 push end, 1 push start, 100 recording, 200 screenshot): the kinds a delivered callback
 * of which Tencent's history can later confirm, and a missed one of which the reconciler recovers.
 */
export const HISTORY_EVENT_TYPES: ReadonlySet<number> = new Set([0, 1, 100, 200]);
