import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_EVENTS, type PublishedEvent } from '../published-events';
import { detailJsonSchema as schemaWithDocs, type JsonSchema } from './detail-schema';
import { NO_DOCS, readKindDocs, type KindDocs } from './kind-docs';

/*
 * The JSON Schemas of the events' details, generated from the kinds' declarations: what the
 * tests validate events against, what `npm run docs` and packaging publish. Nothing a function
 * runs imports this folder (`npm run deps` checks): it loads the TypeScript compiler.
 */

export { JSON_SCHEMA_DRAFT_07, type JsonSchema } from './detail-schema';
export { readKindDocs, type KindDocs } from './kind-docs';

/** The files that declare the service's kinds and its own events. */
export const KIND_FILES: readonly string[] = readdirSync(join(__dirname, '..', 'kinds'))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => join(__dirname, '..', 'kinds', name));

const docsRead = new Map<string, ReadonlyMap<string, KindDocs>>();

/** The kinds' words, read once per set of files (the compiler takes a second or two). */
function docsOf(files: readonly string[]): ReadonlyMap<string, KindDocs> {
  const key = files.join('\n');
  let docs = docsRead.get(key);
  if (docs === undefined) {
    docs = readKindDocs(files);
    docsRead.set(key, docs);
  }
  return docs;
}

/**
 * The JSON Schema (draft-07) of the `detail` of `declared`'s events (a kind, or a service event),
 * its descriptions read from the TSDoc of its declaration in `files` (by default, the files of
 * `lib/events/kinds/`).
 */
export function detailJsonSchema(
  declared: PublishedEvent,
  files: readonly string[] = KIND_FILES,
): JsonSchema {
  return schemaWithDocs(declared, docsOf(files).get(declared.detailType) ?? NO_DOCS);
}

/**
 * The JSON Schema of every published detail, by detail-type: the kinds in the registry's order,
 * then the service's own events.
 */
export function detailJsonSchemas(
  published: readonly PublishedEvent[] = PUBLISHED_EVENTS,
  files: readonly string[] = KIND_FILES,
): ReadonlyMap<string, JsonSchema> {
  return new Map(
    published.map((declared) => [declared.detailType, detailJsonSchema(declared, files)]),
  );
}
