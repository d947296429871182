/**
 * How `npm start` shows what serverless offline and the handlers print. Deployed, the handlers
 * log structured JSON (one object a line, for CloudWatch) and metrics as EMF blobs, and that does
 * not change. In a terminal, a person watches the callbacks come in and the subscribers' lines:
 * there, each log record becomes one short line, and serverless offline's bookkeeping around
 * every invocation (and its blank lines) is left out. `LOCAL_LOGS=raw` shows everything as printed.
 */
export const LOCAL_LOGS = {
  variable: 'LOCAL_LOGS',
  /** One short line per log record; no metrics, no per-invocation bookkeeping. */
  short: 'short',
  /** Everything as the handlers and serverless offline print it, metrics included. */
  raw: 'raw',
} as const;

export type LocalLogs = typeof LOCAL_LOGS.short | typeof LOCAL_LOGS.raw;

/** Keys of every Powertools log record that say nothing about this callback. */
const CONTEXT_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
]);

/** serverless offline's lines around each invocation: the request, and the billing report. */
const BOOKKEEPING = [
  /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S* \(λ: [^)]+\)$/,
  /^\(λ: [^)]+\) RequestId: \S+ {1,2}Duration: /,
];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The line to show for `line` of serverless offline's output, or `undefined` to leave it out.
 * A record names its function by what follows the stage in its service name
 * (`tencent-css-recordings-local-callback`: `callback`).
 *
 * @example
 * terminalLine('{"level":"INFO","message":"recording created","service":"svc-local-callback","version":1}', 'local')
 * // '[callback] recording created  version=1'
 */
export function terminalLine(line: string, stage: string): string | undefined {
  const plain = line.replace(ANSI, '');
  // Blank lines frame each invocation's bookkeeping: without it, they only space the lines out.
  if (plain.trim() === '' || BOOKKEEPING.some((pattern) => pattern.test(plain))) return undefined;
  const record = jsonObject(plain);
  if (record === undefined) return line;
  // Metrics (CloudWatch's embedded metric format): off the terminal.
  if ('_aws' in record) return undefined;
  if (typeof record.level !== 'string' || typeof record.message !== 'string') return line;

  const service = typeof record.service === 'string' ? record.service : '';
  const marker = `-${stage}-`;
  const at = service.lastIndexOf(marker);
  const source = at >= 0 ? service.slice(at + marker.length) : service;
  const level = record.level === 'INFO' ? '' : `${record.level} `;
  const fields = Object.entries(record)
    .filter(([key]) => !CONTEXT_KEYS.has(key))
    .map(([key, value]) => `${key}=${show(value)}`);
  return `[${source || 'handler'}] ${level}${record.message}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}`;
}

function jsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A value on one line: plain when it has no space, else quoted; an error by its name and message. */
function show(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (isLoggedError(value)) {
    const where = typeof value.location === 'string' ? ` (${value.location})` : '';
    return JSON.stringify(`${value.name}: ${value.message}${where}`);
  }
  return JSON.stringify(value) ?? String(value);
}

/** An error as Powertools logs it: `{name, location, message, stack}`. */
function isLoggedError(
  value: unknown,
): value is { name: string; message: string; location?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { message?: unknown }).message === 'string' &&
    'stack' in value
  );
}

/** `LOCAL_LOGS`, validated: `short` unless set to `raw`. */
export function localLogs(env: Record<string, string | undefined>): LocalLogs {
  const text = env[LOCAL_LOGS.variable]?.trim() || LOCAL_LOGS.short;
  if (text !== LOCAL_LOGS.short && text !== LOCAL_LOGS.raw) {
    throw new Error(`${LOCAL_LOGS.variable} must be short or raw, not "${text}"`);
  }
  return text;
}
