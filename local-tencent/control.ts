import type { IncomingMessage, ServerResponse } from 'node:http';
import { NOTIFY_URL_FIELDS } from '../lib/tencent/types';
import type { FaultEffect } from './faults';
import type { CallbackRecordInput, LocalTencentState, PushSessionInput } from './state';

/**
 * The local Tencent's control API: NOT part of Tencent's API. What Tencent's own machinery does
 * to an account, and no API action can (sending callbacks, recording pushes), a local tool does
 * here, so that the history actions then report it as Tencent would. The simulator
 * (`npm run simulate`) is its client.
 *
 *   POST /_local/callback-records  {stream, eventType, time, request, response?, resultCode?, responseTime?}
 *   POST /_local/push-sessions     {domain, stream, start, end, app?, stopReason?, clientIp?, resolution?, succeeded?}
 *   POST /_local/notify-urls       {templateId}  →  {ok, urls: {StreamBeginNotifyUrl, ...}}
 *   POST /_local/faults            {refuse: code, message?} | {delayMs} | {hang: true}, with {action?, times?}
 *   POST /_local/faults/clear      {}
 *
 * `notify-urls` answers where Tencent sends each kind of callback of a template: every notify
 * URL, `RecordStatusNotifyUrl` included, which DescribeLiveCallbackTemplates never shows.
 * `faults` makes the next `times` (1) requests of `action` (any) that would be served be refused
 * with Tencent's error `code`, answered `delayMs` late, or never answered: conditions a test
 * injects instead of racing for them. `faults/clear` drops those not yet applied.
 *
 * JSON in, JSON out (`{"ok": true}` or `{"error": "..."}` with a 4xx); times are ISO-8601
 * strings. Unsigned, so refused to anything but loopback (the server listens on 127.0.0.1 only
 * anyway).
 */
export const CONTROL_PATH_PREFIX = '/_local/';

const MAX_BODY_BYTES = 1024 * 1024;

export async function answerControl(
  request: IncomingMessage,
  response: ServerResponse,
  state: LocalTencentState,
): Promise<void> {
  try {
    if (!isLoopback(request.socket.remoteAddress)) {
      throw new ControlError(403, 'the control API answers loopback clients only');
    }
    if (request.method !== 'POST') throw new ControlError(405, 'POST JSON to the control API');
    const route = ROUTES[(request.url ?? '').split('?')[0] ?? ''];
    if (!route) throw new ControlError(404, `no control route ${request.url}`);
    const body = await readJson(request);
    send(response, 200, { ok: true, ...route(body, state) });
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    send(response, error.status, { error: error.message });
  }
}

const ROUTES: Record<string, (body: Fields, state: LocalTencentState) => object | void> = {
  '/_local/callback-records': (body, state) => {
    const input: CallbackRecordInput = {
      stream: text(body, 'stream'),
      eventType: integer(body, 'eventType'),
      time: time(body, 'time'),
      request: text(body, 'request'),
      ...(body.response !== undefined && { response: text(body, 'response') }),
      ...(body.resultCode !== undefined && { resultCode: integer(body, 'resultCode') }),
      ...(body.responseTime !== undefined && { responseTime: time(body, 'responseTime') }),
    };
    state.addCallbackRecord(input);
  },
  '/_local/push-sessions': (body, state) => {
    const input: PushSessionInput = {
      domain: text(body, 'domain'),
      stream: text(body, 'stream'),
      start: time(body, 'start'),
      end: time(body, 'end'),
      ...(body.app !== undefined && { app: text(body, 'app') }),
      ...(body.stopReason !== undefined && { stopReason: text(body, 'stopReason') }),
      ...(body.clientIp !== undefined && { clientIp: text(body, 'clientIp') }),
      ...(body.resolution !== undefined && { resolution: text(body, 'resolution') }),
      ...(body.succeeded !== undefined && { succeeded: boolean(body, 'succeeded') }),
    };
    if (input.end < input.start) throw new ControlError(400, 'end is before start');
    state.addPushSession(input);
  },
  '/_local/faults': (body, state) => {
    state.injectFault({
      ...faultEffect(body),
      ...(body.action !== undefined && { action: text(body, 'action') }),
      ...(body.times !== undefined && { times: positive(body, 'times') }),
    });
    return { pending: state.pendingFaults() };
  },
  '/_local/faults/clear': (_body, state) => {
    state.clearFaults();
  },
  '/_local/notify-urls': (body, state) => {
    const id = integer(body, 'templateId');
    const template = state.template(id);
    if (!template) throw new ControlError(404, `no template ${id}`);
    return { urls: Object.fromEntries(NOTIFY_URL_FIELDS.map((field) => [field, template[field]])) };
  },
};

type Fields = Record<string, unknown>;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

function text(body: Fields, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new ControlError(400, `${name} must be a string`);
  return value;
}

function integer(body: Fields, name: string): number {
  const value = body[name];
  if (!Number.isInteger(value)) throw new ControlError(400, `${name} must be an integer`);
  return value as number;
}

function faultEffect(body: Fields): FaultEffect {
  const given = ['refuse', 'delayMs', 'hang'].filter((name) => body[name] !== undefined);
  if (given.length !== 1) {
    throw new ControlError(
      400,
      'give exactly one of refuse (a Tencent error code), delayMs or hang',
    );
  }
  if (body.refuse !== undefined) {
    return {
      kind: 'refuse',
      code: text(body, 'refuse'),
      ...(body.message !== undefined && { message: text(body, 'message') }),
    };
  }
  if (body.delayMs !== undefined) return { kind: 'delay', delayMs: whole(body, 'delayMs') };
  if (body.hang !== true) throw new ControlError(400, 'hang must be true');
  return { kind: 'hang' };
}

function whole(body: Fields, name: string): number {
  const value = integer(body, name);
  if (value < 0) throw new ControlError(400, `${name} must be 0 or more`);
  return value;
}

function positive(body: Fields, name: string): number {
  const value = integer(body, name);
  if (value < 1) throw new ControlError(400, `${name} must be 1 or more`);
  return value;
}

function boolean(body: Fields, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw new ControlError(400, `${name} must be true or false`);
  return value;
}

function time(body: Fields, name: string): Date {
  const value = body[name];
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new ControlError(400, `${name} must be an ISO-8601 time`);
  }
  return date;
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'))
  );
}

async function readJson(request: IncomingMessage): Promise<Fields> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ControlError(413, 'the body exceeds 1 MB');
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ControlError(400, 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlError(400, 'the body must be a JSON object');
  }
  return body as Fields;
}

function send(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
