import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project's root, where package.json is: tests find the project's files from here. */
export const PROJECT_DIR = resolve(__dirname, '..', '..');

/** A path in the project, from its root: `projectPath('docs', 'events.md')`. */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_DIR, ...segments);
}

/** package.json, as the tests read it: its scripts and the install scripts it allows. */
export interface Manifest {
  scripts: Record<string, string>;
  allowScripts: Record<string, boolean>;
}

/** package.json as it is on disk now. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as Manifest;
}

/**
 * The command line of a package.json script, to run without npm (so its exit code and signals are
 * the script's own): `node` is this Node.js.
 */
export function scriptCommand(name: string): { command: string; args: string[] } {
  const script = readManifest().scripts[name];
  if (!script) throw new Error(`package.json has no script ${name}`);
  const [command = '', ...args] = script.split(' ');
  return { command: command === 'node' ? process.execPath : command, args };
}
