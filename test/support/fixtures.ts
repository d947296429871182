import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../lib/callback-body';

export const FIXTURES = {
  documented: 'recording-callback.json',
  legacyStrings: 'recording-callback-legacy-strings.json',
  minimal: 'recording-callback-minimal.json',
  screenshot: 'screenshot-callback.json',
  streamStart: 'stream-start-callback.json',
} as const;

/** A fixture payload without its placeholder `sign`/`t` (tests sign fresh ones). */
export function fixture(name: string, overrides: JsonObject = {}): JsonObject {
  const payload = JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8'),
  ) as JsonObject;
  delete payload.sign;
  delete payload.t;
  return { ...payload, ...overrides };
}

let counter = 0;

/** A unique stream id, so tests sharing a table never see each other's items. */
export function uniqueStreamId(label = 'stream'): string {
  return `${label}-${process.pid}-${Date.now()}-${++counter}`;
}
