import type { JsonObject } from '../lib/json/json';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tencent's callbacks as it documents them, one JSON file per kind (`<kind>-callback.json`), with
 * realistic values; their `sign`/`t` are placeholders. Beside them, the detail each event the
 * service publishes of its own accord carries (`<name>-detail.json`), which is no callback. They
 * stay beside the tests that grew them (docs/events.md names the place); the tests, the bench and
 * `npm run callback` read them here.
 */
export const FIXTURES_DIR = join(__dirname, '..', 'test', 'fixtures');

/** Every fixture's file name, e.g. `recording-callback.json`. */
export const fixtureNames: readonly string[] = readdirSync(FIXTURES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

/** A fresh copy of a fixture: callers may change it freely. Its `sign`/`t` are placeholders. */
export function loadFixture(name: string): JsonObject {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as JsonObject;
}

/** The documented recording callback (`recording-callback.json`) without its placeholder `sign`/`t`. */
export function recordingBody(overrides: JsonObject = {}): JsonObject {
  const { sign: _sign, t: _t, ...body } = loadFixture(FIXTURES.documented);
  return { ...body, ...overrides };
}

export const FIXTURES = {
  documented: 'recording-callback.json',
  legacyStrings: 'recording-callback-legacy-strings.json',
  minimal: 'recording-callback-minimal.json',
  screenshot: 'screenshot-callback.json',
  streamStart: 'stream-start-callback.json',
  streamEnd: 'stream-end-callback.json',
} as const;

/** A fixture payload without its placeholder `sign`/`t` (callers sign fresh ones). */
export function fixture(name: string, overrides: JsonObject = {}): JsonObject {
  const { sign: _sign, t: _t, ...payload } = loadFixture(name);
  return { ...payload, ...overrides };
}
