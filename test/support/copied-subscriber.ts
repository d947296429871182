import { cp, lstat, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchCopy } from '../../scripts/build/package-service';
import { PROJECT_DIR } from './project';

/**
 * A second subscriber made as the README's "Subscribing your own function" says, and nothing
 * more: `handlers/example-subscriber.ts` copied (its line told apart by a prefix), and the entry
 * `functions.exampleSubscriber` of serverless.yml copied under another name, its `handler`
 * pointing at the copy. No role, no other resource is added or renamed.
 */
export const COPIED_SUBSCRIBER = {
  name: 'recordingIndexer',
  file: 'recording-indexer',
  /** The resources osls names after the function. */
  logicalId: 'RecordingIndexer',
  /** What the copy prints before the example's summary line. */
  prefix: 'recordingIndexer got',
} as const;

/** Adds {@link COPIED_SUBSCRIBER} to the scratch copy of the project in `directory`. */
export async function addCopiedSubscriber(directory: string): Promise<void> {
  const { name, file, prefix } = COPIED_SUBSCRIBER;
  const manifestPath = join(directory, 'serverless.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  const entry = functionEntry(manifest, 'exampleSubscriber');
  const copy = replaceOnce(
    entry.replace(/^ {2}exampleSubscriber:/, `  ${name}:`),
    'handler: handlers/example-subscriber.handler',
    `handler: handlers/${file}.handler`,
  );
  await writeFile(manifestPath, manifest.replace(entry, `${entry}\n\n${copy}`));

  await ownHandlersDirectory(directory);
  const example = await readFile(join(PROJECT_DIR, 'handlers', 'example-subscriber.ts'), 'utf8');
  await writeFile(
    join(directory, 'handlers', `${file}.ts`),
    replaceOnce(
      example,
      "console.log(summariseEvent(event['detail-type'], event.detail));",
      `console.log(\`${prefix} \${summariseEvent(event['detail-type'], event.detail)}\`);`,
    ),
  );
}

/**
 * A scratch copy of the project that `npm start` can run from, with {@link COPIED_SUBSCRIBER}:
 * `scripts/` is copied, not linked, so that the stack's scripts take the copy for the project.
 */
export async function localProjectWithCopiedSubscriber(): Promise<string> {
  const directory = await scratchCopy('tencent-css-local-');
  await rm(join(directory, 'scripts'));
  await cp(join(PROJECT_DIR, 'scripts'), join(directory, 'scripts'), { recursive: true });
  await addCopiedSubscriber(directory);
  return directory;
}

/** The scratch copy links `handlers/`; a new handler needs a directory of its own there. */
async function ownHandlersDirectory(directory: string): Promise<void> {
  const handlers = join(directory, 'handlers');
  if (!(await lstat(handlers)).isSymbolicLink()) return;
  await rm(handlers);
  await mkdir(handlers);
  for (const name of await readdir(join(PROJECT_DIR, 'handlers'))) {
    await symlink(join(PROJECT_DIR, 'handlers', name), join(handlers, name));
  }
}

/** The lines of `functions.<name>` in serverless.yml, up to the next function or section. */
function functionEntry(manifest: string, name: string): string {
  const lines = manifest.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) throw new Error(`serverless.yml has no function ${name}`);
  let end = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));
  if (end < 0) end = lines.length;
  while (lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

function replaceOnce(text: string, search: string, replacement: string): string {
  if (text.split(search).length !== 2) throw new Error(`expected "${search}" exactly once`);
  return text.replace(search, () => replacement);
}
