import type { JsonObject } from '../../json/json';
import * as v from 'valibot';
import {
  identifier,
  isoTime,
  keyText,
  microseconds,
  numeric,
  seconds,
  text,
  unixTime,
} from '../fields';
import { knownFieldNames, normaliseCallback, type CallbackShape } from '../normalise-callback';
import { RESERVED_FIELD_NAMES, type Recording } from './types';

const KnownFields = v.object({
  stream_id: keyText,
  file_id: identifier,
  video_url: text,
  start_time: unixTime,
  end_time: unixTime,
  duration: seconds,
  file_size: numeric,
  appid: v.optional(numeric),
  app: v.optional(text),
  appname: v.optional(text),
  channel_id: v.optional(text),
  record_file_id: v.optional(identifier),
  file_format: v.optional(v.pipe(text, v.toLowerCase())),
  task_id: v.optional(text),
  start_time_usec: v.optional(microseconds),
  end_time_usec: v.optional(microseconds),
  media_start_time: v.optional(numeric),
  record_bps: v.optional(numeric),
  video_id: v.optional(identifier),
  stream_param: v.optional(text),
});

/** Validated and normalised; everything else in the body is kept as sent. */
const SHAPE: CallbackShape<typeof KnownFields> = {
  schema: KnownFields,
  derive: (known) => {
    const contentStartTime = known.end_time - known.duration;
    return {
      content_start_time: contentStartTime,
      start_time_iso: isoTime(known.start_time, known.start_time_usec),
      end_time_iso: isoTime(known.end_time, known.end_time_usec),
      content_start_time_iso: isoTime(contentStartTime, known.end_time_usec),
    };
  },
  reserved: RESERVED_FIELD_NAMES,
  jsonText: ['callback_ext'],
  // The playback URL keeps its query: its signature is what makes it playable, and pushes nothing.
  keepQueryOf: ['video_url'],
  keyFields: ['stream_id', 'file_id'],
};

export const KNOWN_FIELD_NAMES: ReadonlySet<string> = knownFieldNames(SHAPE);

/**
 * Validates an authenticated recording callback (`event_type` 100) and turns it into the
 * {@link Recording} that is stored and published. Throws an `InvalidCallbackError` naming
 * the first field that is missing or wrong.
 */
export function normaliseRecording(body: JsonObject): Recording {
  // The shared rules (../normalise-callback.ts) keep every field and its type, and the schema
  // and derive above give the fields of a Recording.
  return normaliseCallback(body, SHAPE) as Recording;
}
