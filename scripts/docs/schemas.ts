import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { eventJsonSchemas } from '../../lib/events/schema/event-schema';
import type { CliIo } from '../cli/io';
import { PROJECT_DIR } from '../local/service-config';

/*
 * The event schemas committed under schemas/, one file per detail-type
 * (`tencentcloud.css@RecordingFileCreated.json`): the same schemas the stack deploys to its
 * EventBridge schema registry, for readers and for subscribers outside AWS's tooling. Made from
 * the kinds' declarations by `npm run docs`; a test fails when the committed files drift.
 */

export const SCHEMAS_DIR = join(PROJECT_DIR, 'schemas');

/** Every schema file's name and content (generated: .prettierignore leaves them as written). */
export async function renderSchemaFiles(): Promise<Map<string, string>> {
  return new Map(
    [...eventJsonSchemas()].map(([name, schema]) => [
      `${name}.json`,
      `${JSON.stringify(schema, null, 2)}\n`,
    ]),
  );
}

/** Writes schemas/ as the code makes it, removing files of detail-types that no longer exist. */
export async function updateSchemaFiles(io: CliIo): Promise<void> {
  const files = await renderSchemaFiles();
  await mkdir(SCHEMAS_DIR, { recursive: true });
  for (const name of await readdir(SCHEMAS_DIR)) {
    if (name.endsWith('.json') && !files.has(name)) {
      await rm(join(SCHEMAS_DIR, name));
      io.out(`${relative(PROJECT_DIR, join(SCHEMAS_DIR, name))}: removed`);
    }
  }
  for (const [name, content] of files) {
    const path = join(SCHEMAS_DIR, name);
    const before = await readFile(path, 'utf8').catch(() => undefined);
    if (before !== content) await writeFile(path, content);
    io.out(`${relative(PROJECT_DIR, path)}: ${before === content ? 'up to date' : 'updated'}`);
  }
}
