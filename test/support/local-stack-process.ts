import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_PORTS, type PortName } from '../../scripts/local/settings';
import { PROJECT_DIR, scriptCommand } from './project';
import { freePorts } from './ports';
import { waitUntil } from './wait';

export interface StackProcess {
  /** The script's process id, and so the id of the stack's process group. */
  pid: number;
  /** Everything the stack printed so far (its own lines and those of its handlers). */
  output(): string;
  /**
   * What it printed on stdout only: whole lines, never split by a warning on stderr (the lines
   * the handlers print with `console.log`).
   */
  stdout(): string;
  /** Resolves once `pattern` is in the output; rejects if the process exits or time runs out. */
  waitForOutput(pattern: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The exit, once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether any process of the stack's group (the script, serverless offline, ...) is alive. */
  groupAlive(): boolean;
  /**
   * SIGINT to the whole group, as Ctrl-C in a terminal; SIGKILL to the group if the script has
   * not exited in time. Resolves with the script's exit.
   */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the whole group: the last resort of a test's clean-up. */
  kill(): void;
}

/**
 * Runs the command of `npm start` (package.json's `start` script) in `projectDir` (the project, or
 * a scratch copy of it), in a process group of its own
 * so that a test can stop everything it started, whatever happens. Not through npm itself: on
 * SIGINT npm exits at once, without waiting for the script, so its exit says nothing about the
 * stack's.
 */
export function startStackProcess(
  env: NodeJS.ProcessEnv,
  projectDir: string = PROJECT_DIR,
): StackProcess {
  const { command, args } = scriptCommand('start');
  const child = spawn(command, args, {
    cwd: projectDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const piece = chunk.toString('utf8');
    text += piece;
    stdout += piece;
  });
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));

  // ESRCH: no process is left in the group.
  const signal = (name: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-(child.pid ?? 0), name);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      return false;
    }
  };

  const waitForOutput = async (pattern: string | RegExp, timeoutMs = 30_000) => {
    const found = () => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    await waitUntil(() => found() || gone, timeoutMs);
    if (found()) return;
    if (gone) throw new Error(`the stack exited before printing ${String(pattern)}:\n${text}`);
    throw new Error(`the stack did not print ${String(pattern)} in ${timeoutMs} ms:\n${text}`);
  };

  const stop = async (timeoutMs = 20_000) => {
    signal('SIGINT');
    const exit = await Promise.race([exited, sleep(timeoutMs, undefined, { ref: false })]);
    if (!exit) signal('SIGKILL');
    return exit ?? exited;
  };

  return {
    pid: child.pid ?? 0,
    output: () => text,
    stdout: () => stdout,
    waitForOutput,
    exited,
    groupAlive: () => signal(0),
    stop,
    kill: () => void signal('SIGKILL'),
  };
}

/** Distinct free ports, one per port of the local stack: never the defaults a developer uses. */
export async function freeStackPorts(): Promise<Record<PortName, number>> {
  const names = Object.keys(LOCAL_PORTS) as PortName[];
  const ports = await freePorts(names.length);
  return Object.fromEntries(names.map((name, index) => [name, ports[index]])) as Record<
    PortName,
    number
  >;
}

/** The environment variables that put the stack on `ports`. */
export function portEnvironment(ports: Record<PortName, number>): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(LOCAL_PORTS) as PortName[]).map((name) => [
      LOCAL_PORTS[name].variable,
      String(ports[name]),
    ]),
  );
}
