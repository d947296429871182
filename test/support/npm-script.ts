import { spawn } from 'node:child_process';
import { PROJECT_DIR, scriptCommand } from './project';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a package.json script's command (`npm run <name> -- <args>` without npm, so the exit code
 * is the script's) and collects what it printed. Killed after `timeoutMs`.
 */
export function runNpmScript(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<ScriptRun> {
  const { command, args: scriptArgs } = scriptCommand(name);
  const child = spawn(command, [...scriptArgs, ...args], {
    cwd: PROJECT_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
