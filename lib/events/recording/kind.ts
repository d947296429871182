import type { JsonMap } from '../../json/json';
import type { EventKind } from '../kind';
import { RECORDING_EVENT_DETAIL_TYPE } from './event';
import { KNOWN_FIELD_NAMES, normaliseRecording } from './normalise';
import { DERIVED_FIELD_NAMES, RECORDING_EVENT_TYPE, recordingId } from './types';

/** Optional and unbounded in size: what a too-large event leaves out first. */
const BULKY_FIELDS = new Set(['callback_ext', 'stream_param']);

/** A recording file is finished (`event_type` 100): one item per file in the recordings table. */
export const recordingKind: EventKind = {
  name: 'recording',
  eventTypes: [RECORDING_EVENT_TYPE],
  detailType: RECORDING_EVENT_DETAIL_TYPE,
  table: 'recordings',
  normalise: (body) => normaliseRecording(body) as JsonMap,
  identify: (fields) => {
    // The normaliser made both non-empty strings.
    const key = { stream_id: fields.stream_id as string, file_id: fields.file_id as string };
    return { key, id: recordingId(key), detailType: RECORDING_EVENT_DETAIL_TYPE };
  },
  keptWhenTruncated: new Set(
    [...KNOWN_FIELD_NAMES, ...DERIVED_FIELD_NAMES].filter((name) => !BULKY_FIELDS.has(name)),
  ),
};
