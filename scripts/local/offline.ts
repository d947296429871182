import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_DIR, SERVERLESS_BIN } from './service-config';
import { terminalLine, type LocalLogs } from './terminal-lines';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface OfflineProcess {
  /** Settles when the process has exited, however that happened. */
  exited: Promise<Exit>;
  /** Stops the process and everything it started; resolves once it has exited. */
  stop(timeoutMs?: number): Promise<Exit>;
}

/**
 * Starts `serverless offline start` (API Gateway, Lambda, the EventBridge plugin) with `env`,
 * its output on this process's output: line by line as {@link terminalLine} shows it with
 * `short` logs, as printed with `raw` ones.
 *
 * Every server in it listens on loopback only (loopback-only.js, preloaded). It stays in this
 * process's group, so Ctrl-C in a terminal (or a signal to the group) reaches it directly; a
 * preloaded watchdog stops it if this process dies without stopping it. Its handlers are worker
 * threads, and esbuild's service exits when its parent does.
 */
export function startOffline(
  stage: string,
  env: NodeJS.ProcessEnv,
  logs: LocalLogs = 'short',
  /** `--param` options for serverless.yml (the archive's switch). */
  params: readonly string[] = [],
): OfflineProcess {
  const short = logs === 'short';
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(__dirname, 'exit-with-parent.js'),
      // The EventBridge plugin listens without an address; this keeps it on loopback.
      '--require',
      join(__dirname, 'loopback-only.js'),
      SERVERLESS_BIN,
      'offline',
      'start',
      '--stage',
      stage,
      ...params,
      '--noSponsor',
    ],
    {
      cwd: PROJECT_DIR,
      // Through a pipe, serverless offline would drop its colours: keep them for a terminal.
      env: short && process.stdout.isTTY ? { FORCE_COLOR: '1', ...env } : env,
      stdio: ['ignore', short ? 'pipe' : 'inherit', short ? 'pipe' : 'inherit'],
    },
  );
  if (short) {
    showLines(child.stdout, process.stdout, stage);
    showLines(child.stderr, process.stderr, stage);
  }
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // Spawning itself failed (no such file, ...): there is no process to wait for.
    child.once('error', () => resolve({ code: null, signal: null }));
  });

  let stopping: Promise<Exit> | undefined;
  const stop = (timeoutMs = 10_000) =>
    (stopping ??= (async () => {
      // serverless-offline closes its servers on SIGINT, as after Ctrl-C in a terminal.
      child.kill('SIGINT');
      const exit = await Promise.race([exited, sleep(timeoutMs, undefined, { ref: false })]);
      if (exit) return exit;
      child.kill('SIGKILL');
      return exited;
    })());
  return { exited, stop };
}

/** Writes each line of `from` to `to` as {@link terminalLine} shows it. */
function showLines(from: Readable | null, to: Writable, stage: string): void {
  if (!from) return;
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    const shown = terminalLine(line, stage);
    if (shown !== undefined) to.write(`${shown}\n`);
  });
}
