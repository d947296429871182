import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyKind } from '../define-kind';
import { KINDS } from '../registry';
import { detailJsonSchema as schemaWithDocs, type JsonSchema } from './detail-schema';
import { NO_DOCS, readKindDocs, type KindDocs } from './kind-docs';

/*
 * The JSON Schemas of the events' details, generated from the kinds' declarations: what the
 * tests validate events against, what `npm run docs` and packaging publish. Nothing a function
 * runs imports this folder (`npm run deps` checks): it loads the TypeScript compiler.
 */

export { JSON_SCHEMA_DRAFT_07, type JsonSchema } from './detail-schema';
export { readKindDocs, type KindDocs } from './kind-docs';

/** The files that declare the service's kinds. */
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
 * The JSON Schema (draft-07) of the `detail` of `kind`'s events, its descriptions read from the
 * TSDoc of its declaration in `files` (by default, the service's kinds' files).
 */
export function detailJsonSchema(kind: AnyKind, files: readonly string[] = KIND_FILES): JsonSchema {
  return schemaWithDocs(kind, docsOf(files).get(kind.detailType) ?? NO_DOCS);
}

/** The JSON Schema of every kind's detail, by detail-type, in the registry's order. */
export function detailJsonSchemas(
  kinds: readonly AnyKind[] = KINDS,
  files: readonly string[] = KIND_FILES,
): ReadonlyMap<string, JsonSchema> {
  return new Map(kinds.map((kind) => [kind.detailType, detailJsonSchema(kind, files)]));
}
