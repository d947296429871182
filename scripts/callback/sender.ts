import type { JsonObject } from '../../lib/json/json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signCallback } from '../../lib/callback/sign-callback';
import { FIXTURES, FIXTURES_DIR } from '../../fakes/fixtures';
import { CliError, UsageError } from '../cli/errors';
import { LOCAL_CALLBACK_KEY, localCallbackUrl } from '../local/settings';

/** Tencent's documented recording callback: the payload sent when none is given. */
export const DEFAULT_PAYLOAD_FILE = join(FIXTURES_DIR, FIXTURES.documented);

/** Tencent gives up after 20 s; a little more, so a slow answer is reported as what it is. */
const TIMEOUT_MS = 25_000;

/** The POST itself failed (nothing listening, no answer in time): no HTTP answer to report. */
export class CallbackNotSentError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallbackNotSentError';
  }
}

export interface SenderKey {
  key: string;
  /** Where the key came from, for people (`the key from --key`): never the key itself. */
  source: string;
}

/**
 * `--url` as given, once it is one the service can answer: an http(s) URL whose path ends in
 * `/callback`, and plain http for the local stack. Otherwise a {@link UsageError} says, in one
 * line, what is wrong and what to type instead, before anything is signed or sent (a malformed
 * URL would otherwise surface as a missing key, an https one as a refused connection).
 */
export function checkCallbackUrl(
  text: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const expected =
    `expected the form ${localCallbackUrl(env)} (the local stack) or ` +
    'https://<api-id>.execute-api.<region>.amazonaws.com/callback';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(text)} is not a URL: ${expected}`);
  }
  // `localhost:3000/callback` parses too, as a URL of the scheme "localhost:".
  if (!['http:', 'https:'].includes(url.protocol)) {
    throw new UsageError(
      `--url ${JSON.stringify(text)} is not an http:// or https:// URL: ${expected}`,
    );
  }
  if (url.protocol === 'https:' && isLocal(text)) {
    const http = new URL(url);
    http.protocol = 'http:';
    throw new UsageError(
      `--url ${text}: the local stack speaks plain http, not https; use ${http.href}`,
    );
  }
  if (!url.pathname.endsWith('/callback')) {
    const fixed = new URL(url);
    fixed.pathname = `${url.pathname.replace(/\/+$/, '')}/callback`;
    throw new UsageError(
      `--url ${text} has no /callback path: the service answers POST /callback; use ${fixed.href}`,
    );
  }
  return text;
}

/**
 * The key to sign with: `--key`, else `CALLBACK_KEY` (its first key, if several), else, for the
 * local stack only, its default development key. A deployed endpoint is never signed with a
 * guess: without a key the sender refuses.
 */
export function resolveSenderKey(
  url: string,
  option: string | undefined,
  env: Record<string, string | undefined> = process.env,
): SenderKey {
  if (option?.trim()) return { key: option.trim(), source: 'the key from --key' };
  const fromEnv = env.CALLBACK_KEY?.split(',')
    .map((key) => key.trim())
    .find((key) => key !== '');
  if (fromEnv) return { key: fromEnv, source: 'the key from CALLBACK_KEY' };
  if (isLocal(url)) return { key: LOCAL_CALLBACK_KEY, source: "the local stack's default key" };
  throw new UsageError(
    `No callback key to sign with for ${url}. Pass --key KEY or set CALLBACK_KEY to the key ` +
      'configured in the Tencent console for this endpoint.',
  );
}

/** Reads a payload file (default: the documented example); it must hold one JSON object. */
export async function loadPayload(file: string = DEFAULT_PAYLOAD_FILE): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the payload ${file}: ${(error as Error).message}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new CliError(`The payload ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new CliError(`The payload ${file} must hold a JSON object`);
  }
  return payload as JsonObject;
}

/**
 * `payload` with another `stream_id` and/or `file_id`. Tencent repeats them as `channel_id` and
 * `record_file_id`: where the payload did, the copies follow, so the record stays consistent.
 */
export function withIds(
  payload: JsonObject,
  { streamId, fileId }: { streamId?: string; fileId?: string },
): JsonObject {
  const result = { ...payload };
  if (streamId !== undefined) {
    if (payload.channel_id === payload.stream_id) result.channel_id = streamId;
    result.stream_id = streamId;
  }
  if (fileId !== undefined) {
    if (payload.record_file_id === payload.file_id) result.record_file_id = fileId;
    result.file_id = fileId;
  }
  return result;
}

export interface CallbackAnswer {
  status: number;
  /** The body as received. */
  text: string;
  /** The signed body's expiry (`t`): not a secret, unlike `sign`. */
  t: number;
}

/**
 * Signs `payload` as Tencent would (fresh `t` and `sign`, with the one signing code path of
 * lib/callback/sign-callback.ts), POSTs it to `url` as JSON and returns the answer.
 */
export async function sendCallback({
  url,
  key,
  payload,
}: {
  url: string;
  key: string;
  payload: JsonObject;
}): Promise<CallbackAnswer> {
  const signed = signCallback(payload, key);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signed),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const hint = isLocal(url) ? ' Is `npm start` running?' : '';
    throw new CallbackNotSentError(`Could not POST to ${url}: ${reason(error)}.${hint}`, {
      cause: error,
    });
  }
  return { status: response.status, text: await response.text(), t: signed.t };
}

function isLocal(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  // fetch reports "fetch failed"; what happened is in the cause (ECONNREFUSED, ENOTFOUND, ...).
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
