import { recordingKind, type Recording } from '../../lib/events/kinds/recording';
import { contentHash, type JsonMap, type JsonObject } from '../../lib/json/json';
import type { StoredRecord } from '../../lib/record/record';
import { recordingBody } from './fixtures';

/** The documented example, normalised, with `overrides` applied to the body first. */
export function aRecording(overrides: JsonObject = {}): Recording {
  return recordingKind.normalise(recordingBody(overrides));
}

/** A stored version 1 of `recording`, pending and unclaimed unless `overrides` say otherwise. */
export function aStoredRecording(
  recording: Recording = aRecording(),
  overrides: Partial<StoredRecord> = {},
): StoredRecord {
  const fields = recording as JsonMap;
  return {
    ...recordingKind.identify(fields),
    fields,
    version: 1,
    contentHash: contentHash(fields),
    receivedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    pendingSince: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
